-- Both providers: the subscriber who held source s.source_key at s.occurred_at, or NULL.
-- Embedded as an expression over a row aliased s. Each branch is an index probe, tried in
-- order and short-circuited by COALESCE:
--   1. a session whose framed IPv4 address is the source (index framed_ip_key, started_at);
--      when accounting lost a Stop, two sessions may look open: the latest start wins;
--   2. a session whose delegated IPv6 prefix contains the source;
--   3. a static assignment containing the source, valid then.
-- Branches 2 and 3 walk the range index downwards from the source: among holdings valid at
-- that moment, the one starting closest below the source is the only candidate, because
-- assignment and delegation never overlap between subscribers at one moment (the API refuses
-- that). A subscriber's own nested prefixes can sit in between, so up to 8 are looked at.
COALESCE(
    (SELECT x.subscriber_id FROM access_sessions x
     WHERE x.framed_ip_key = s.source_key AND x.started_at <= s.occurred_at
       AND (x.ended_at IS NULL OR x.ended_at > s.occurred_at)
     ORDER BY x.started_at DESC LIMIT 1),
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
