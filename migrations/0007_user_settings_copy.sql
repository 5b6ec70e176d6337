-- 2/4 copy: every existing value into the new table (idempotent; the application writes both).
INSERT INTO user_settings (user_id, settings)
SELECT id, settings_json FROM users WHERE settings_json IS NOT NULL
ON CONFLICT (user_id) DO UPDATE SET settings = EXCLUDED.settings;
