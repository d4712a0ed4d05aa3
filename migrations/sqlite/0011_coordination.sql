-- Coordination beyond single tickets: projects with planned tasks, facility work orders that
-- tickets wait on, and links between tickets (parent/child, related, merged duplicates).

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    name        TEXT    NOT NULL UNIQUE,
    description TEXT    NOT NULL DEFAULT '',
    manager_id  INTEGER NOT NULL REFERENCES users (id),
    -- Calendar dates, YYYY-MM-DD.
    starts_on   TEXT    NOT NULL,
    ends_on     TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users (id),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    CHECK (ends_on >= starts_on)
);

-- People who follow a project (besides its manager): they see its page and its tickets' public side.
CREATE TABLE project_watchers (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, user_id)
);
CREATE INDEX project_watchers_user ON project_watchers (user_id);

-- A ticket may belong to a project; a planned task has a due date (and no SLA clocks: the due
-- date is its target). A merged duplicate points at the ticket that survived.
ALTER TABLE tickets ADD COLUMN project_id INTEGER REFERENCES projects (id) ON DELETE SET NULL;
ALTER TABLE tickets ADD COLUMN due_on TEXT;
ALTER TABLE tickets ADD COLUMN merged_into INTEGER REFERENCES tickets (id);
CREATE INDEX tickets_project ON tickets (project_id, status) WHERE project_id IS NOT NULL;
CREATE INDEX tickets_merged ON tickets (merged_into) WHERE merged_into IS NOT NULL;

-- Building work IT needs from a facility manager; tickets that depend on it wait meanwhile.
CREATE TABLE work_orders (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    what         TEXT    NOT NULL,
    location     TEXT    NOT NULL,
    manager_id   INTEGER NOT NULL REFERENCES users (id),
    expected_on  TEXT,
    status       TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
    outcome      TEXT,
    created_by   INTEGER REFERENCES users (id),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    completed_at INTEGER
);
CREATE INDEX work_orders_manager ON work_orders (manager_id, status);

CREATE TABLE work_order_tickets (
    work_order_id INTEGER NOT NULL REFERENCES work_orders (id) ON DELETE CASCADE,
    ticket_id     INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    PRIMARY KEY (work_order_id, ticket_id)
);
CREATE INDEX work_order_tickets_ticket ON work_order_tickets (ticket_id);

-- `child_of`: ticket_id is a child of other_id (one parent per ticket). `related`: stored once,
-- with ticket_id < other_id.
CREATE TABLE ticket_links (
    ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    other_id   INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('child_of', 'related')),
    created_by INTEGER REFERENCES users (id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (ticket_id, other_id),
    CHECK (ticket_id <> other_id)
);
CREATE INDEX ticket_links_other ON ticket_links (other_id);
CREATE UNIQUE INDEX ticket_links_one_parent ON ticket_links (ticket_id) WHERE kind = 'child_of';
