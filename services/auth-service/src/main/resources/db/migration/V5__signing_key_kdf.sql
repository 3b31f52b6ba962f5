-- How each private key is encrypted at rest: rows of earlier versions used PBKDF2-HMAC-SHA1 with 1,024 iterations
-- (Spring Security's Encryptors.delux); the service reads them still and re-encrypts them with the current scheme.
ALTER TABLE signing_keys ADD COLUMN kdf text NOT NULL DEFAULT 'pbkdf2-sha1-1024';
