-- Accounts. PostgreSQL is the source of truth for everything auth-service knows (SPEC §1).
CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          text        NOT NULL CHECK (email = lower(btrim(email)) AND length(email) <= 254),
    password_hash  text        NOT NULL,
    username       text        NOT NULL CHECK (length(username) BETWEEN 3 AND 50),
    role           text        NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    is_active      boolean     NOT NULL DEFAULT true,
    email_verified boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz
);

-- One live account per email; the index also settles concurrent registrations of one email.
CREATE UNIQUE INDEX users_email_live ON users (email) WHERE deleted_at IS NULL;
