-- 4/4 contract: drop the old column, now that 0007 copied it and nothing reads it.
SET lock_timeout = '2s';
ALTER TABLE users DROP COLUMN IF EXISTS settings_json;
