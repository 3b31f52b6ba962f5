-- Sessions (one per login), their rotating refresh tokens, and failed logins for the lockout (SPEC §1).
CREATE TABLE sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    device_info    varchar(255),
    ip_address     text,
    created_at     timestamptz NOT NULL,
    last_active_at timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    revoked_at     timestamptz
);
CREATE INDEX sessions_active_by_user ON sessions (user_id, created_at) WHERE revoked_at IS NULL;

-- Only the SHA-256 of a refresh token is kept: a database leak does not hand out sessions.
CREATE TABLE refresh_tokens (
    id         uuid PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES sessions (id),
    token_hash bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_by_session ON refresh_tokens (session_id);

-- Counted per normalised email whether or not an account exists, so a lockout reveals nothing.
CREATE TABLE login_failures (
    email     text        NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_by_email ON login_failures (email, failed_at);
