-- Both providers: the per-subscriber twin of move-rollup.sql (hourly or daily: the table and
-- bucket placeholders): take late-attributed attempts out of the unattributed subscriber's
-- bucket (the store then adds them to their subscriber).
-- Parameters, in order: attempts, packets, bucket.
UPDATE {table}
SET attempts = attempts - {0}, packets = packets - {1}
WHERE {bucket} = {2} AND subscriber_id = 0
