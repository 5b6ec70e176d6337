-- 3/4 switch: the application now reads user_settings; the old column is marked for removal.
COMMENT ON COLUMN users.settings_json IS 'deprecated: read user_settings.settings; dropped by 0009';
