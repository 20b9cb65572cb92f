-- Both providers: a resend (same dedup key and time) is skipped, and the keys of the rows
-- really inserted come back, so rollups count each attempt exactly once.
-- {rows} is replaced by the parameter placeholders of the batch.
INSERT INTO blocked_attempts
    (occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port,
     protocol, packets, action, subscriber_id, attributed_at, dedup_key, channel, received_at)
VALUES {rows}
ON CONFLICT (dedup_key, occurred_at) DO NOTHING
RETURNING dedup_key
