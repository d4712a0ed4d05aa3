-- no-transaction
-- Facility managers sign in with a role of their own. SQLite cannot change a CHECK constraint in
-- place, so the users table is rebuilt (SQLite's documented procedure: foreign keys off, copy,
-- drop, rename, check, foreign keys on); the rebuild itself is one transaction.
PRAGMA foreign_keys = OFF;
BEGIN IMMEDIATE;
CREATE TABLE users_rebuilt (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    email         TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('requester', 'technician', 'coordinator', 'admin', 'facility')),
    password_hash TEXT,
    phone         TEXT,
    tier          INTEGER NOT NULL DEFAULT 1 CHECK (tier BETWEEN 1 AND 3),
    capacity      INTEGER NOT NULL DEFAULT 8 CHECK (capacity >= 0),
    availability  TEXT    NOT NULL DEFAULT 'on_duty' CHECK (availability IN ('on_duty', 'away', 'off')),
    off_until     INTEGER,
    created_at    INTEGER NOT NULL
);
INSERT INTO users_rebuilt (id, email, name, role, password_hash, phone, tier, capacity, availability, off_until, created_at)
SELECT id, email, name, role, password_hash, phone, tier, capacity, availability, off_until, created_at FROM users;
DROP TABLE users;
ALTER TABLE users_rebuilt RENAME TO users;
COMMIT;
PRAGMA foreign_keys = ON;
