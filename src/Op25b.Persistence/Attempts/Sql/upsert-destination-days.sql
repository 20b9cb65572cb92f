-- Both providers: add a batch's counts to the per-destination daily rollup. {rows}: placeholders.
INSERT INTO attempt_rollups_destination_daily (day, destination_ip, attempts, packets)
VALUES {rows}
ON CONFLICT (day, destination_ip)
DO UPDATE SET attempts = attempt_rollups_destination_daily.attempts + excluded.attempts,
              packets = attempt_rollups_destination_daily.packets + excluded.packets
