-- SQLite: the staged rows with their holder ({attributed} of insert-from-staging.sql), one
-- holder-of-source.sql lookup per row. LIMIT -1 OFFSET 0 keeps the planner from inlining the
-- subquery, which would evaluate the holder twice.
(SELECT s.*, {holder} AS holder FROM attempts_staging s LIMIT -1 OFFSET 0)
