-- PostgreSQL only: a per-connection staging table for binary COPY. Rows vanish at commit, so a
-- pooled connection can reuse it for the next batch. No id column: the sequence is drawn only
-- for rows really inserted. source_key uses the "C" collation like every address key, so range
-- comparisons against sessions and assignments agree.
CREATE TEMP TABLE IF NOT EXISTS attempts_staging (
    occurred_at timestamptz NOT NULL,
    router_name varchar(100) NOT NULL,
    source_ip varchar(45) NOT NULL,
    source_key char(32) COLLATE "C" NOT NULL,
    source_port integer,
    destination_ip varchar(45) NOT NULL,
    destination_port integer NOT NULL,
    protocol varchar(16) NOT NULL,
    packets integer NOT NULL,
    action varchar(16) NOT NULL,
    dedup_key varchar(64) NOT NULL,
    channel varchar(16) NOT NULL,
    received_at timestamptz NOT NULL
) ON COMMIT DELETE ROWS
