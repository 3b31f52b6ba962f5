-- RSA key pairs that sign access tokens, shared by every replica. Private keys are stored encrypted (AES-GCM,
-- key derived from TABELOGO_AUTH_KEY_PASSWORD); a retired key stays published until the tokens it signed expire.
CREATE TABLE signing_keys (
    kid         text PRIMARY KEY,
    public_jwk  text        NOT NULL,
    private_jwk text        NOT NULL,
    salt        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);

-- At most one active key: replicas starting together cannot each create their own.
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys ((true)) WHERE retired_at IS NULL;
