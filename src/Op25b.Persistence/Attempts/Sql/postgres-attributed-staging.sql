-- PostgreSQL: the staged rows with their holder ({attributed} of insert-from-staging.sql).
-- Framed addresses are matched per source, not per row: framed_holdings (postgres-store-from-
-- staging.sql) holds each distinct source's sessions that overlap that source's attempts in the
-- chunk — one index probe per source, where an infected line sends thousands of attempts a chunk —
-- and each row is joined to them by hash. As in holder-of-source.sql, among the sessions framing the
-- source at the row's moment the latest start wins; rows no session framed fall to
-- holder-in-ranges.sql (delegated prefixes, static assignments), probed per row.
(SELECT DISTINCT ON (s.ctid) s.*, COALESCE(f.subscriber_id, {ranges}) AS holder
 FROM attempts_staging s
 LEFT JOIN framed_holdings f
   ON f.framed_ip_key = s.source_key AND f.started_at <= s.occurred_at
  AND (f.ended_at IS NULL OR f.ended_at > s.occurred_at)
 ORDER BY s.ctid, f.started_at DESC NULLS LAST)
