-- PostgreSQL only: one partition per UTC day, created before the first insert into that day,
-- so retention can drop whole days at once instead of deleting rows.
CREATE TABLE IF NOT EXISTS {partition} PARTITION OF blocked_attempts FOR VALUES FROM ('{from}') TO ('{to}')
