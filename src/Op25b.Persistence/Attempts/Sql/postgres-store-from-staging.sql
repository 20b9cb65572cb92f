-- PostgreSQL only: insert-from-staging.sql (the insert placeholder) and the rollup update in one statement:
-- the rollup is fed by what the insert returned, so the batch never travels back to the client.
-- Hours are cut in UTC whatever the session's time zone.
WITH inserted AS (
{insert}
), rolled_up AS (
    INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
    SELECT date_trunc('hour', occurred_at, 'UTC'), COALESCE(subscriber_id, 0), router_name, destination_ip, count(*), sum(packets)
    FROM inserted
    GROUP BY 1, 2, 3, 4
    ON CONFLICT (hour, subscriber_id, router_name, destination_ip)
    DO UPDATE SET attempts = attempt_rollups_hourly.attempts + excluded.attempts,
                  packets = attempt_rollups_hourly.packets + excluded.packets
)
SELECT count(*), count(subscriber_id) FROM inserted
