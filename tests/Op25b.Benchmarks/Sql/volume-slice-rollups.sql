-- Reads only: adds one slice of volume-slice.sql (the slice placeholder) straight to the rollups
-- the reads use, as ingest would, without storing the raw attempts. Slices are whole hours, so
-- the hourly rollups are plain inserts; the daily ones and the subscriber-destination table are
-- upserts (its triggers keep the last-seen-day histogram).
{slice}, per_destination AS (
    INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
    SELECT date_trunc('hour', occurred_at, 'UTC'), subscriber_id, router_name, destination_ip, count(*), sum(packets)
    FROM attempts GROUP BY 1, 2, 3, 4
), per_subscriber AS (
    INSERT INTO attempt_rollups_subscriber_hourly (hour, subscriber_id, attempts, packets, first_seen, last_seen)
    SELECT date_trunc('hour', occurred_at, 'UTC'), subscriber_id, count(*), sum(packets), min(occurred_at), max(occurred_at)
    FROM attempts GROUP BY 1, 2
), per_subscriber_day AS (
    INSERT INTO attempt_rollups_subscriber_daily AS r (day, subscriber_id, attempts, packets, first_seen, last_seen)
    SELECT date_trunc('day', occurred_at, 'UTC'), subscriber_id, count(*), sum(packets), min(occurred_at), max(occurred_at)
    FROM attempts GROUP BY 1, 2
    ON CONFLICT (day, subscriber_id) DO UPDATE SET attempts = r.attempts + excluded.attempts, packets = r.packets + excluded.packets,
        first_seen = LEAST(r.first_seen, excluded.first_seen), last_seen = GREATEST(r.last_seen, excluded.last_seen)
), destinations AS (
    INSERT INTO attempt_subscriber_destinations AS d (subscriber_id, destination_ip, first_seen, last_seen, attempts)
    SELECT subscriber_id, destination_ip, min(occurred_at), max(occurred_at), count(*)
    FROM attempts GROUP BY 1, 2
    ON CONFLICT (subscriber_id, destination_ip) DO UPDATE SET attempts = d.attempts + excluded.attempts,
        first_seen = LEAST(d.first_seen, excluded.first_seen), last_seen = GREATEST(d.last_seen, excluded.last_seen)
), per_router AS (
    INSERT INTO attempt_rollups_router_hourly (hour, router_name, attempts, packets)
    SELECT date_trunc('hour', occurred_at, 'UTC'), router_name, count(*), sum(packets)
    FROM attempts GROUP BY 1, 2
), per_server AS (
    INSERT INTO attempt_rollups_destination_daily AS r (day, destination_ip, attempts, packets)
    SELECT date_trunc('day', occurred_at, 'UTC'), destination_ip, count(*), sum(packets)
    FROM attempts GROUP BY 1, 2
    ON CONFLICT (day, destination_ip) DO UPDATE SET attempts = r.attempts + excluded.attempts, packets = r.packets + excluded.packets
)
SELECT count(*) FROM attempts;
