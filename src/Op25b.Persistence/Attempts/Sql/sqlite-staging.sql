-- SQLite only: a per-connection staging table the batch is inserted into before it is
-- attributed and moved into blocked_attempts by one statement (the store empties it after).
CREATE TEMP TABLE IF NOT EXISTS attempts_staging (
    occurred_at INTEGER NOT NULL,
    router_name TEXT NOT NULL,
    source_ip TEXT NOT NULL,
    source_key TEXT NOT NULL,
    source_port INTEGER,
    destination_ip TEXT NOT NULL,
    destination_port INTEGER NOT NULL,
    protocol TEXT NOT NULL,
    packets INTEGER NOT NULL,
    action TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    channel TEXT NOT NULL,
    received_at INTEGER NOT NULL
)
