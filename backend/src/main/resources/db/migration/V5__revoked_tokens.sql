-- Logged-out JWTs until they would have expired anyway.
CREATE TABLE revoked_tokens (
  jti VARCHAR(64) NOT NULL PRIMARY KEY,
  expires_at BIGINT NOT NULL
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);
