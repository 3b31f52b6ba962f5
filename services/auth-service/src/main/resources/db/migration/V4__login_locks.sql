-- An email locked by too many failed logins, until when (SPEC §1: 15 minutes from the failure that locked it).
CREATE TABLE login_locks (
    email        text PRIMARY KEY,
    locked_until timestamptz NOT NULL
);
