-- Service levels: policies with targets per priority, the calendar they count in, and escalation
-- rules; each ticket's evaluated clocks; and the timers that fire rules exactly once.

CREATE TABLE sla_policies (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    name            TEXT    NOT NULL UNIQUE,
    position        INTEGER NOT NULL DEFAULT 0,
    -- Comma-separated category slugs; empty for the default policy.
    categories      TEXT    NOT NULL DEFAULT '',
    time_zone       TEXT    NOT NULL,
    hours           TEXT    NOT NULL,
    holidays        TEXT    NOT NULL DEFAULT '',
    -- [{"response_minutes":…,"resolution_minutes":…,"around_the_clock":…}] for P1 to P4.
    targets_json    TEXT    NOT NULL,
    at_risk_percent INTEGER NOT NULL DEFAULT 75 CHECK (at_risk_percent BETWEEN 1 AND 100),
    -- One rule per line, e.g. "75% resolution: notify assignee".
    rules           TEXT    NOT NULL DEFAULT ''
);

INSERT INTO sla_policies (name, position, categories, time_zone, hours, holidays, targets_json, rules) VALUES
 ('Standard', 1, '', 'UTC', 'mon-fri 08:00-18:00', '2026-12-25 2027-01-01',
  '[{"response_minutes":15,"resolution_minutes":240,"around_the_clock":true},{"response_minutes":60,"resolution_minutes":480,"around_the_clock":false},{"response_minutes":240,"resolution_minutes":1800,"around_the_clock":false},{"response_minutes":480,"resolution_minutes":3000,"around_the_clock":false}]',
  '75% resolution: notify assignee
100% response: notify coordinators
100% resolution: notify assignee, notify coordinators, raise priority');

-- The ticket's clocks as last evaluated (JSON of the domain's `Sla`), and the next deadline still
-- running (unanswered response or unresolved resolution) for ordering and "breaching soon".
ALTER TABLE tickets ADD COLUMN sla_json TEXT;
ALTER TABLE tickets ADD COLUMN sla_due_at INTEGER;
CREATE INDEX tickets_sla_due ON tickets (sla_due_at) WHERE sla_due_at IS NOT NULL;

-- When each escalation rule fires for a ticket. A rule fires once per ticket: the scheduler claims
-- a timer by setting `fired_at` where it is still NULL, in the transaction that performs it.
CREATE TABLE sla_timers (
    ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
    rule      TEXT    NOT NULL,
    fire_at   INTEGER NOT NULL,
    fired_at  INTEGER,
    PRIMARY KEY (ticket_id, rule)
);
CREATE INDEX sla_timers_due ON sla_timers (fire_at) WHERE fired_at IS NULL;
