-- Attempts per subscriber per UTC day, from the hourly rollup (never the raw attempts).
-- Hours are stored as UTC ticks here; day = days since 1970-01-01 (621355968000000000 ticks).
SELECT coalesce(s.external_id, '') AS subscriber_external_id, d.day, d.attempts, d.packets, d.destinations, d.routers
FROM (
    SELECT r.subscriber_id,
           (r.hour - 621355968000000000) / 864000000000 AS day,
           sum(r.attempts) AS attempts,
           sum(r.packets) AS packets,
           count(DISTINCT r.destination_ip) AS destinations,
           count(DISTINCT r.router_name) AS routers
    FROM attempt_rollups_hourly r
    WHERE r.hour >= @from AND r.hour < @to AND (@subscriber_id < 0 OR r.subscriber_id = @subscriber_id)
    GROUP BY r.subscriber_id, 2
) d
LEFT JOIN subscribers s ON s.id = d.subscriber_id
ORDER BY d.subscriber_id, d.day
