-- Attempts per subscriber per UTC day, from the hourly rollup (never the raw attempts).
-- Aggregated first, then named: the join touches one row per subscriber-day, not per rollup row.
-- Day = days since 1970-01-01, so both providers return the same integer.
SELECT coalesce(s.external_id, '') AS subscriber_external_id, d.day, d.attempts, d.packets, d.destinations, d.routers
FROM (
    SELECT r.subscriber_id,
           (r.hour AT TIME ZONE 'UTC')::date - DATE '1970-01-01' AS day,
           sum(r.attempts)::bigint AS attempts,
           sum(r.packets)::bigint AS packets,
           count(DISTINCT r.destination_ip) AS destinations,
           count(DISTINCT r.router_name) AS routers
    FROM attempt_rollups_hourly r
    WHERE r.hour >= @from AND r.hour < @to AND (@subscriber_id < 0 OR r.subscriber_id = @subscriber_id)
    GROUP BY r.subscriber_id, 2
) d
LEFT JOIN subscribers s ON s.id = d.subscriber_id
ORDER BY d.subscriber_id, d.day
