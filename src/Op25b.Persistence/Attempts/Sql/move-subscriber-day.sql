-- Both providers: the per-subscriber twin of move-rollup.sql: take late-attributed attempts out
-- of the unattributed subscriber's day (the store then adds them to their subscriber).
-- Parameters, in order: attempts, packets, day.
UPDATE attempt_rollups_subscriber_daily
SET attempts = attempts - {0}, packets = packets - {1}
WHERE day = {2} AND subscriber_id = 0
