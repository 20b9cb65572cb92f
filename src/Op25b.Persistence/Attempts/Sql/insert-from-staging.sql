-- Both providers: attribute the staged batch and move it into blocked_attempts, skipping
-- resends (same dedup key and time). What was really inserted comes back, so the rollup
-- counts each attempt exactly once. The holder placeholder is filled from holder-of-source.sql;
-- @now is the attribution time.
-- The fence placeholder keeps the planner from inlining the subquery, which would evaluate the holder twice
-- (PostgreSQL: OFFSET 0; SQLite: LIMIT -1 OFFSET 0). "WHERE true" keeps SQLite's parser from
-- reading ON CONFLICT as a join constraint.
INSERT INTO blocked_attempts
    (occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port,
     protocol, packets, action, subscriber_id, attributed_at, dedup_key, channel, received_at)
SELECT h.occurred_at, h.router_name, h.source_ip, h.source_key, h.source_port, h.destination_ip, h.destination_port,
       h.protocol, h.packets, h.action, h.holder, CASE WHEN h.holder IS NULL THEN NULL ELSE @now END,
       h.dedup_key, h.channel, h.received_at
FROM (SELECT s.*, {holder} AS holder FROM attempts_staging s {fence}) h
WHERE true
ON CONFLICT (dedup_key, occurred_at) DO NOTHING
RETURNING occurred_at, subscriber_id, router_name, destination_ip, packets
