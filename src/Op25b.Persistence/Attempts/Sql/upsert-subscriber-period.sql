-- Both providers: add a batch's counts to a per-subscriber rollup (hourly or daily: the table and
-- bucket placeholders), widening the first and last seen times. {rows} is replaced by the
-- parameter placeholders; the least/greatest placeholders by the provider's two-argument
-- minimum and maximum (SQLite: MIN, MAX).
INSERT INTO {table} ({bucket}, subscriber_id, attempts, packets, first_seen, last_seen)
VALUES {rows}
ON CONFLICT ({bucket}, subscriber_id)
DO UPDATE SET attempts = {table}.attempts + excluded.attempts,
              packets = {table}.packets + excluded.packets,
              first_seen = {least}({table}.first_seen, excluded.first_seen),
              last_seen = {greatest}({table}.last_seen, excluded.last_seen)
