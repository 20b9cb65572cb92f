-- Both providers: attribution moved attempts from the unattributed bucket (subscriber 0) to a
-- subscriber; take them out of the former (the store then adds them to the latter).
-- Parameters, in order: attempts, packets, hour, router_name, destination_ip.
UPDATE attempt_rollups_hourly
SET attempts = attempts - {0}, packets = packets - {1}
WHERE hour = {2} AND subscriber_id = 0 AND router_name = {3} AND destination_ip = {4}
