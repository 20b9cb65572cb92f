-- Both providers: the per-subscriber twin of move-rollup.sql: take late-attributed attempts out
-- of the unattributed subscriber's hour (the store then adds them to their subscriber).
-- Parameters, in order: attempts, packets, hour.
UPDATE attempt_rollups_subscriber_hourly
SET attempts = attempts - {0}, packets = packets - {1}
WHERE hour = {2} AND subscriber_id = 0
