-- Gateway-wide state kept across restarts, e.g. the JWT signing key generated on first start.
CREATE TABLE settings (
  setting_name VARCHAR(100) NOT NULL PRIMARY KEY,
  setting_value VARCHAR(4000) NOT NULL
);
