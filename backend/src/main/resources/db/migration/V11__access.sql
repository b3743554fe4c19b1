-- Per-host roles (viewer, operator, admin) for users and teams; removed with their host,
-- user or team.
CREATE TABLE host_user_grants (
  host_id VARCHAR(64) NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
  user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role VARCHAR(16) NOT NULL,
  PRIMARY KEY (host_id, user_id)
);
CREATE INDEX host_user_grants_user ON host_user_grants (user_id);
CREATE TABLE host_team_grants (
  host_id VARCHAR(64) NOT NULL REFERENCES hosts (id) ON DELETE CASCADE,
  team_id BIGINT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  role VARCHAR(16) NOT NULL,
  PRIMARY KEY (host_id, team_id)
);
CREATE INDEX host_team_grants_team ON host_team_grants (team_id);
