-- Canned replies, answers reused in notes, and the knowledge base's figures by day.

-- What staff say every day. A reply is a shortcut with one text per language: rows with the
-- same owner and shortcut are one reply in several languages. owner_id NULL: shared with all
-- staff (kept by coordinators); otherwise personal.
CREATE TABLE canned_replies (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER REFERENCES users (id) ON DELETE CASCADE,
    shortcut   TEXT    NOT NULL,
    language   TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    updated_by INTEGER NOT NULL REFERENCES users (id),
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX canned_replies_unique ON canned_replies (COALESCE(owner_id, 0), shortcut, language);

-- A past fix or an article inserted into a note ("Insert" beside a ticket), kept with the note
-- it went into: a ticket resolved after one counts as resolved with a reused answer.
CREATE TABLE answer_reuses (
    id         INTEGER PRIMARY KEY,
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    note_id    INTEGER NOT NULL REFERENCES notes (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    article_id INTEGER REFERENCES articles (id) ON DELETE SET NULL,
    source_ticket_id INTEGER REFERENCES tickets (id) ON DELETE SET NULL,
    at         INTEGER NOT NULL
);
CREATE INDEX answer_reuses_ticket ON answer_reuses (ticket_id);

-- Views and "did this help?" answers per article and day (days since 1970-01-01, UTC), so
-- reports show a period's figures. A reader who changes their answer moves it from the day of
-- their earlier answer to today's.
CREATE TABLE article_days (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    day        INTEGER NOT NULL,
    views      INTEGER NOT NULL DEFAULT 0,
    helped     INTEGER NOT NULL DEFAULT 0,
    not_helped INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article_id, day)
);
