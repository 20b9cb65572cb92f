-- PostgreSQL only: a per-connection staging table for binary COPY. Rows vanish at commit, so a
-- pooled connection can reuse it for the next batch.
CREATE TEMP TABLE IF NOT EXISTS attempts_staging (LIKE blocked_attempts INCLUDING DEFAULTS) ON COMMIT DELETE ROWS
