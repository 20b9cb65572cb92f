-- The rollups, built from the stored attempts in one pass each (what ingest maintains
-- incrementally).
INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
SELECT date_trunc('hour', occurred_at, 'UTC'), subscriber_id, router_name, destination_ip, count(*), sum(packets)
FROM blocked_attempts GROUP BY 1, 2, 3, 4;
INSERT INTO attempt_rollups_subscriber_hourly (hour, subscriber_id, attempts, packets, first_seen, last_seen)
SELECT date_trunc('hour', occurred_at, 'UTC'), subscriber_id, count(*), sum(packets), min(occurred_at), max(occurred_at)
FROM blocked_attempts GROUP BY 1, 2;
INSERT INTO attempt_rollups_subscriber_daily (day, subscriber_id, attempts, packets, first_seen, last_seen)
SELECT date_trunc('day', hour, 'UTC'), subscriber_id, sum(attempts), sum(packets), min(first_seen), max(last_seen)
FROM attempt_rollups_subscriber_hourly GROUP BY 1, 2;
INSERT INTO attempt_subscriber_destinations (subscriber_id, destination_ip, first_seen, last_seen, attempts)
SELECT subscriber_id, destination_ip, min(occurred_at), max(occurred_at), count(*)
FROM blocked_attempts GROUP BY 1, 2;
INSERT INTO attempt_rollups_router_hourly (hour, router_name, attempts, packets)
SELECT date_trunc('hour', occurred_at, 'UTC'), router_name, count(*), sum(packets)
FROM blocked_attempts GROUP BY 1, 2;
INSERT INTO attempt_rollups_destination_daily (day, destination_ip, attempts, packets)
SELECT date_trunc('day', occurred_at, 'UTC'), destination_ip, count(*), sum(packets)
FROM blocked_attempts GROUP BY 1, 2;
ANALYZE;
