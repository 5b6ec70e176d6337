-- Settings move safely, in four steps. 1/4 expand: the new table, nothing removed.
SET lock_timeout = '2s';
CREATE TABLE IF NOT EXISTS user_settings (
  user_id bigint PRIMARY KEY REFERENCES users (id),
  settings jsonb NOT NULL
);
