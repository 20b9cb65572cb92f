-- Both providers: add a batch's counts to the hourly rollup, creating rows as needed.
INSERT INTO attempt_rollups_hourly (hour, subscriber_id, router_name, destination_ip, attempts, packets)
VALUES {rows}
ON CONFLICT (hour, subscriber_id, router_name, destination_ip)
DO UPDATE SET attempts = attempt_rollups_hourly.attempts + excluded.attempts,
              packets = attempt_rollups_hourly.packets + excluded.packets
