-- The hourly rollup rows of the period in (subscriber, hour) order, with the subscriber's external
-- id; the export folds them into days as they stream (DailyAttemptTotals). Ordered by the
-- (subscriber_id, hour) index and merge-joined with subscribers by primary key, so the database
-- neither sorts the period nor aggregates it, and the first row leaves at once.
-- Same text on both providers: hour is timestamptz on PostgreSQL, UTC ticks on SQLite.
SELECT r.subscriber_id, r.hour, r.destination_ip, r.attempts, r.packets, s.external_id
FROM attempt_rollups_hourly r
LEFT JOIN subscribers s ON s.id = r.subscriber_id
WHERE r.hour >= @from AND r.hour < @to AND (@subscriber_id < 0 OR r.subscriber_id = @subscriber_id)
ORDER BY r.subscriber_id, r.hour
