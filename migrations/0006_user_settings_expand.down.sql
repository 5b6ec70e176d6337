DROP TABLE IF EXISTS user_settings;
