-- Accounts that prove their email and can be switched off; API tokens with a name, an expiry
-- and a last use; sign-in throttling shared by every process; one-time links for email
-- verification and password resets; outgoing mail whose private link is minted when it is sent,
-- so that no usable token is ever stored.

ALTER TABLE users ADD COLUMN email_verified_at INTEGER;
ALTER TABLE users ADD COLUMN deactivated_at INTEGER;
-- Every account made before verification existed was made by an admin or by its owner signing in.
UPDATE users SET email_verified_at = created_at;

-- Rebuilt to give each token an id people can name when revoking it (SQLite cannot add a key).
CREATE TABLE api_tokens_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash   TEXT    NOT NULL UNIQUE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL DEFAULT 'API token',
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    last_used_at INTEGER
);
INSERT INTO api_tokens_new (token_hash, user_id, created_at, expires_at)
    SELECT token_hash, user_id, created_at, created_at + 90 * 86400000 FROM api_tokens;
DROP TABLE api_tokens;
ALTER TABLE api_tokens_new RENAME TO api_tokens;
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins per key: an (account, address) pair or an address alone.
CREATE TABLE sign_in_failures (
    key            TEXT    PRIMARY KEY,
    failures       INTEGER NOT NULL,
    last_failed_at INTEGER NOT NULL
);

-- Links sent by email to prove an address or to set a new password. The hash is of a token
-- minted when the mail is sent; until then it is the hash of a token nobody knows.
CREATE TABLE account_links (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT    NOT NULL UNIQUE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    TEXT    NOT NULL CHECK (purpose IN ('verify', 'reset')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX account_links_user ON account_links (user_id, purpose);

-- A message that carries a private link names it here; its bodies hold a slot for the address.
ALTER TABLE outbox ADD COLUMN link_kind TEXT CHECK (link_kind IN ('tracking', 'verify', 'reset'));
ALTER TABLE outbox ADD COLUMN link_id INTEGER;
