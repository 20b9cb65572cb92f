-- Both providers: record which mail servers a subscriber tried and when, first and last.
-- Placeholders as in upsert-subscriber-hours.sql.
INSERT INTO attempt_subscriber_destinations (subscriber_id, destination_ip, first_seen, last_seen, attempts)
VALUES {rows}
ON CONFLICT (subscriber_id, destination_ip)
DO UPDATE SET attempts = attempt_subscriber_destinations.attempts + excluded.attempts,
              first_seen = {least}(attempt_subscriber_destinations.first_seen, excluded.first_seen),
              last_seen = {greatest}(attempt_subscriber_destinations.last_seen, excluded.last_seen)
