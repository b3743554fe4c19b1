-- Tokens issued before this time (epoch ms) are refused: set when a password changes.
ALTER TABLE users ADD COLUMN tokens_valid_after BIGINT NOT NULL DEFAULT 0;
