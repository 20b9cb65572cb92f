-- Both providers: the subscriber whose delegated IPv6 prefix (an open session's) or static
-- assignment held s.source_key at s.occurred_at, or NULL: branches 2 and 3 of holder-of-source.sql,
-- which PostgreSQL's ingest also uses on their own once it has matched framed addresses by source.
COALESCE(
    (SELECT d.subscriber_id FROM
        (SELECT x.subscriber_id, x.delegated_last FROM access_sessions x
         WHERE x.delegated_first <= s.source_key AND x.started_at <= s.occurred_at
           AND (x.ended_at IS NULL OR x.ended_at > s.occurred_at)
         ORDER BY x.delegated_first DESC LIMIT 8) d
     WHERE d.delegated_last >= s.source_key LIMIT 1),
    (SELECT g.subscriber_id FROM
        (SELECT a.subscriber_id, a.range_last FROM address_assignments a
         WHERE a.family = CASE WHEN s.source_ip LIKE '%:%' THEN 6 ELSE 4 END
           AND a.range_first <= s.source_key AND a.valid_from <= s.occurred_at
           AND (a.valid_until IS NULL OR a.valid_until > s.occurred_at)
         ORDER BY a.range_first DESC LIMIT 8) g
     WHERE g.range_last >= s.source_key LIMIT 1))
