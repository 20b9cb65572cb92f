-- Stores one slice of volume-slice.sql (the slice placeholder) as raw attempts.
{slice}
INSERT INTO blocked_attempts (occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port,
                              protocol, packets, action, subscriber_id, attributed_at, dedup_key, channel, received_at)
SELECT occurred_at, router_name, framed_ip, framed_ip_key, 1024 + g % 60000, destination_ip, 25,
       'tcp', packets, 'dropped', subscriber_id, occurred_at, md5(g::text), 'volume', occurred_at
FROM attempts;
