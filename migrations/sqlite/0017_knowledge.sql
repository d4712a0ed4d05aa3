-- The knowledge base, and resolutions in the ticket search.

-- Articles: Markdown bodies, read by everyone or by staff only, drafts until a coordinator
-- publishes them. Every save is kept in article_revisions (who, when, what).
CREATE TABLE articles (
    id               INTEGER PRIMARY KEY,
    title            TEXT    NOT NULL,
    body             TEXT    NOT NULL,
    category_id      INTEGER REFERENCES categories (id),
    tags             TEXT    NOT NULL DEFAULT '',
    audience         TEXT    NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'staff')),
    state            TEXT    NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
    owner_id         INTEGER NOT NULL REFERENCES users (id),
    source_ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    reviewed_at      INTEGER NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    views            INTEGER NOT NULL DEFAULT 0,
    helped           INTEGER NOT NULL DEFAULT 0,
    not_helped       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX articles_listing ON articles (state, audience, updated_at);

CREATE TABLE article_revisions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    tags       TEXT    NOT NULL,
    audience   TEXT    NOT NULL,
    state      TEXT    NOT NULL,
    edited_by  INTEGER NOT NULL REFERENCES users (id),
    edited_at  INTEGER NOT NULL,
    PRIMARY KEY (article_id, version)
);

-- One "did this help?" per signed-in reader and article (their last answer counts).
CREATE TABLE article_feedback (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    helped     INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (article_id, user_id)
);

CREATE VIRTUAL TABLE article_search USING fts5(
    title, body, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER article_search_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_search (rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;

CREATE TRIGGER article_search_update AFTER UPDATE OF title, body, tags ON articles BEGIN
    UPDATE article_search SET title = new.title, body = new.body, tags = new.tags WHERE rowid = new.id;
END;

CREATE TRIGGER article_search_delete AFTER DELETE ON articles BEGIN
    DELETE FROM article_search WHERE rowid = old.id;
END;

-- The ticket search gains the resolution (an FTS5 table cannot gain a column: it is rebuilt).
DROP TRIGGER ticket_search_insert;
DROP TRIGGER ticket_search_update;
DROP TRIGGER ticket_search_delete;
DROP TRIGGER ticket_search_public_note;
DROP TRIGGER ticket_search_internal_note;
DROP TABLE ticket_search;

CREATE VIRTUAL TABLE ticket_search USING fts5(
    title, description, public_notes, internal_notes, resolution,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO ticket_search (rowid, title, description, public_notes, internal_notes, resolution)
SELECT t.id, t.title, t.description,
       COALESCE((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.ticket_id = t.id AND n.visibility = 'public'), ''),
       COALESCE((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.ticket_id = t.id AND n.visibility = 'internal'), ''),
       COALESCE(t.resolution, '')
FROM tickets t;

CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, title, description, public_notes, internal_notes, resolution)
    VALUES (new.id, new.title, new.description, '', '', COALESCE(new.resolution, ''));
END;

CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description, resolution ON tickets BEGIN
    UPDATE ticket_search SET title = new.title, description = new.description,
        resolution = COALESCE(new.resolution, '') WHERE rowid = new.id;
END;

CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM ticket_search WHERE rowid = old.id;
END;

CREATE TRIGGER ticket_search_public_note AFTER INSERT ON notes WHEN new.visibility = 'public' BEGIN
    UPDATE ticket_search SET public_notes = public_notes || ' ' || new.body WHERE rowid = new.ticket_id;
END;

CREATE TRIGGER ticket_search_internal_note AFTER INSERT ON notes WHEN new.visibility = 'internal' BEGIN
    UPDATE ticket_search SET internal_notes = internal_notes || ' ' || new.body WHERE rowid = new.ticket_id;
END;

-- An answer opened from the request form ("These may already answer it"): one followed by no
-- request of the same person within a day counts as a request avoided.
CREATE TABLE answer_opens (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    ticket_id  INTEGER REFERENCES tickets (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL
);
CREATE INDEX answer_opens_at ON answer_opens (at);
