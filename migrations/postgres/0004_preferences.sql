-- Each person's language (en, de, it) and IANA time zone; NULL until they choose (the browser's
-- language and the desk's defaults apply meanwhile).
ALTER TABLE users ADD COLUMN language TEXT;
ALTER TABLE users ADD COLUMN time_zone TEXT;
