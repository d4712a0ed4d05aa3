-- A priority raised by a service-level rule is an event kind of its own ('rule_priority'), no
-- longer a 'priority' event recognised by the words of its detail.
UPDATE ticket_events SET kind = 'rule_priority' WHERE kind = 'priority' AND detail LIKE 'SLA rule:%';
