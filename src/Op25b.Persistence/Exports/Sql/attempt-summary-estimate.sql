-- Upper bound of subscriber-days: one per rollup row at most.
SELECT count(*) FROM attempt_rollups_hourly r
WHERE r.hour >= @from AND r.hour < @to AND (@subscriber_id < 0 OR r.subscriber_id = @subscriber_id)
