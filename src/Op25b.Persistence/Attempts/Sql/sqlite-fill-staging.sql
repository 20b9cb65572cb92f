-- SQLite only: one multi-row insert into the staging table; {rows} is replaced by the
-- parameter placeholders of the chunk.
INSERT INTO attempts_staging
    (occurred_at, router_name, source_ip, source_key, source_port, destination_ip, destination_port,
     protocol, packets, action, dedup_key, channel, received_at)
VALUES {rows}
