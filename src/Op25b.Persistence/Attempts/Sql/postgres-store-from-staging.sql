-- PostgreSQL only: insert-from-staging.sql (the insert placeholder) and the six rollup
-- updates in one statement: the rollups are fed by what the insert returned, so the batch never
-- travels back to the client. Hours are cut in UTC whatever the session's time zone. Rows go
-- in key order, so concurrent writers lock rollup rows in the same order and never deadlock.
WITH inserted AS (
{insert}
), per_destination AS (
    INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
    SELECT date_trunc('hour', occurred_at, 'UTC'), COALESCE(subscriber_id, 0), router_name, destination_ip, count(*), sum(packets)
    FROM inserted
    GROUP BY 1, 2, 3, 4
    ORDER BY 1, 2, 3, 4
    ON CONFLICT (hour, subscriber_id, router_name, destination_ip)
    DO UPDATE SET attempts = attempt_rollups_hourly.attempts + excluded.attempts,
                  packets = attempt_rollups_hourly.packets + excluded.packets
), per_subscriber AS (
    INSERT INTO attempt_rollups_subscriber_hourly (hour, subscriber_id, attempts, packets, first_seen, last_seen)
    SELECT date_trunc('hour', occurred_at, 'UTC'), COALESCE(subscriber_id, 0), count(*), sum(packets), min(occurred_at), max(occurred_at)
    FROM inserted
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (hour, subscriber_id)
    DO UPDATE SET attempts = attempt_rollups_subscriber_hourly.attempts + excluded.attempts,
                  packets = attempt_rollups_subscriber_hourly.packets + excluded.packets,
                  first_seen = LEAST(attempt_rollups_subscriber_hourly.first_seen, excluded.first_seen),
                  last_seen = GREATEST(attempt_rollups_subscriber_hourly.last_seen, excluded.last_seen)
), per_subscriber_day AS (
    INSERT INTO attempt_rollups_subscriber_daily (day, subscriber_id, attempts, packets, first_seen, last_seen)
    SELECT date_trunc('day', occurred_at, 'UTC'), COALESCE(subscriber_id, 0), count(*), sum(packets), min(occurred_at), max(occurred_at)
    FROM inserted
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (day, subscriber_id)
    DO UPDATE SET attempts = attempt_rollups_subscriber_daily.attempts + excluded.attempts,
                  packets = attempt_rollups_subscriber_daily.packets + excluded.packets,
                  first_seen = LEAST(attempt_rollups_subscriber_daily.first_seen, excluded.first_seen),
                  last_seen = GREATEST(attempt_rollups_subscriber_daily.last_seen, excluded.last_seen)
), destinations AS (
    INSERT INTO attempt_subscriber_destinations (subscriber_id, destination_ip, first_seen, last_seen, attempts)
    SELECT subscriber_id, destination_ip, min(occurred_at), max(occurred_at), count(*)
    FROM inserted
    WHERE subscriber_id IS NOT NULL
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (subscriber_id, destination_ip)
    DO UPDATE SET attempts = attempt_subscriber_destinations.attempts + excluded.attempts,
                  first_seen = LEAST(attempt_subscriber_destinations.first_seen, excluded.first_seen),
                  last_seen = GREATEST(attempt_subscriber_destinations.last_seen, excluded.last_seen)
), per_router AS (
    INSERT INTO attempt_rollups_router_hourly (hour, router_name, attempts, packets)
    SELECT date_trunc('hour', occurred_at, 'UTC'), router_name, count(*), sum(packets)
    FROM inserted
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (hour, router_name)
    DO UPDATE SET attempts = attempt_rollups_router_hourly.attempts + excluded.attempts,
                  packets = attempt_rollups_router_hourly.packets + excluded.packets
), per_server AS (
    INSERT INTO attempt_rollups_destination_daily (day, destination_ip, attempts, packets)
    SELECT date_trunc('day', occurred_at, 'UTC'), destination_ip, count(*), sum(packets)
    FROM inserted
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (day, destination_ip)
    DO UPDATE SET attempts = attempt_rollups_destination_daily.attempts + excluded.attempts,
                  packets = attempt_rollups_destination_daily.packets + excluded.packets
)
SELECT count(*), count(subscriber_id) FROM inserted
