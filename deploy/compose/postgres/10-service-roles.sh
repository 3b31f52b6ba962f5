#!/usr/bin/env bash
# Runs once, when the PostgreSQL container first starts on an empty volume (docker-entrypoint-initdb.d): a role and
# a database per service that has one, each password from the environment (Compose) or, when <variable>_FILE names
# a file, from that file (the Helm chart's mounted Secret); no defaults.
set -euo pipefail
for service in auth restaurant spider; do
  variable="TABELOGO_DB_PASSWORD_${service^^}"
  file_variable="${variable}_FILE"
  if [[ -n ${!file_variable:-} ]]; then
    password=$(<"${!file_variable}")
  else
    password="${!variable:-}"
  fi
  [[ -n $password ]] || { echo "set ${variable} or ${file_variable} (a non-empty password)" >&2; exit 1; }
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -v role="tabelogo_${service}" -v password="${password}" -f /docker-entrypoint-initdb.d/service-role.sql.in
done
