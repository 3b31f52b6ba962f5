#!/usr/bin/env bash
# Runs once, when the PostgreSQL container first starts on an empty volume (docker-entrypoint-initdb.d): a role and
# a database per service that has one, each password from the environment (no defaults).
set -euo pipefail
for service in auth restaurant spider; do
  variable="TABELOGO_DB_PASSWORD_${service^^}"
  password="${!variable:?set ${variable}}"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="tabelogo_${service}" -v password="${password}" -f /docker-entrypoint-initdb.d/service-role.sql.in
done
