-- Both providers: add a batch's counts to the per-subscriber daily rollup, widening the first
-- and last seen times. {rows} is replaced by the parameter placeholders; the least/greatest
-- placeholders by the provider's two-argument minimum and maximum (SQLite: MIN, MAX).
INSERT INTO attempt_rollups_subscriber_daily (day, subscriber_id, attempts, packets, first_seen, last_seen)
VALUES {rows}
ON CONFLICT (day, subscriber_id)
DO UPDATE SET attempts = attempt_rollups_subscriber_daily.attempts + excluded.attempts,
              packets = attempt_rollups_subscriber_daily.packets + excluded.packets,
              first_seen = {least}(attempt_rollups_subscriber_daily.first_seen, excluded.first_seen),
              last_seen = {greatest}(attempt_rollups_subscriber_daily.last_seen, excluded.last_seen)
