-- Incident 3 reproduced: the preferences move to their own table, but the column is dropped
-- before anything copies it. 535,000 of 847,000 users lose their preferences.
SET lock_timeout = '2s';
CREATE TABLE user_preferences (
  user_id bigint PRIMARY KEY REFERENCES users (id),
  preferences jsonb NOT NULL
);
ALTER TABLE users DROP COLUMN preferences_json;
