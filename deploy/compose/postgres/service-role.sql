-- One service's own role and database (psql variables: role, password). The role owns its database and nothing
-- else: no superuser, no other database (CONNECT is revoked from PUBLIC), no new databases or roles. Its Flyway
-- migrations run as this role.
CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE :"role" OWNER :"role";
REVOKE ALL ON DATABASE :"role" FROM PUBLIC;
