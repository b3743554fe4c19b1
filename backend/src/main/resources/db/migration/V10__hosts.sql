-- Registered engines. tls_key_sealed is AES-GCM sealed with the key file in the data dir;
-- labels and policy are JSON objects as text.
CREATE TABLE hosts (
  id VARCHAR(64) PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  url VARCHAR(300) NOT NULL,
  tls_ca VARCHAR(20000),
  tls_cert VARCHAR(20000),
  tls_key_sealed VARCHAR(20000),
  labels VARCHAR(10000) NOT NULL,
  policy VARCHAR(1000) NOT NULL,
  created_at BIGINT NOT NULL
);
