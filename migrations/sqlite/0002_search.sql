-- Full-text search over tickets (FTS5), kept current by triggers, and an index that serves the
-- priority ordering of ticket lists without sorting.

CREATE VIRTUAL TABLE ticket_search USING fts5(
    title, description, public_notes, internal_notes,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO ticket_search (rowid, title, description, public_notes, internal_notes)
SELECT t.id, t.title, t.description,
       COALESCE((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.ticket_id = t.id AND n.visibility = 'public'), ''),
       COALESCE((SELECT group_concat(n.body, ' ') FROM notes n WHERE n.ticket_id = t.id AND n.visibility = 'internal'), '')
FROM tickets t;

CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets BEGIN
    INSERT INTO ticket_search (rowid, title, description, public_notes, internal_notes)
    VALUES (new.id, new.title, new.description, '', '');
END;

CREATE TRIGGER ticket_search_update AFTER UPDATE OF title, description ON tickets BEGIN
    UPDATE ticket_search SET title = new.title, description = new.description WHERE rowid = new.id;
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

CREATE INDEX tickets_priority_order ON tickets (priority, created_at, id);
