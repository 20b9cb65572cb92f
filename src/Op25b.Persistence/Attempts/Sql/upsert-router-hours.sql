-- Both providers: add a batch's counts to the per-router hourly rollup. {rows}: placeholders.
INSERT INTO attempt_rollups_router_hourly (hour, router_name, attempts, packets)
VALUES {rows}
ON CONFLICT (hour, router_name)
DO UPDATE SET attempts = attempt_rollups_router_hourly.attempts + excluded.attempts,
              packets = attempt_rollups_router_hourly.packets + excluded.packets
