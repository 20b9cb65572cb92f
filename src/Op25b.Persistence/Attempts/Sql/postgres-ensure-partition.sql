-- PostgreSQL only: one partition per UTC day, so retention can drop whole days at once instead of
-- deleting rows. Run in a transaction of its own: the advisory lock (one per day, released at
-- commit) makes a second creator wait until the first has committed, so its IF NOT EXISTS sees the
-- table instead of both inserting it into the catalog (42P07).
SELECT pg_advisory_xact_lock({lock_class}, {day_number});
CREATE TABLE IF NOT EXISTS {partition} PARTITION OF blocked_attempts FOR VALUES FROM ('{from}') TO ('{to}');
