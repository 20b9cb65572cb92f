-- PostgreSQL only: move a COPYed batch into the partitioned table, skipping resends, and return
-- the keys really inserted (the rollup counts only those).
INSERT INTO blocked_attempts
    (occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port,
     protocol, packets, action, subscriber_id, attributed_at, dedup_key, channel, received_at)
SELECT occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port,
       protocol, packets, action, subscriber_id, attributed_at, dedup_key, channel, received_at
FROM attempts_staging
ON CONFLICT (dedup_key, occurred_at) DO NOTHING
RETURNING dedup_key
