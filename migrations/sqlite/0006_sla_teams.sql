-- A policy may also cover the tickets routed to given teams (comma-separated team names).
ALTER TABLE sla_policies ADD COLUMN teams TEXT NOT NULL DEFAULT '';
