-- Both providers: the subscriber who held source s.source_key at s.occurred_at, or NULL.
-- Embedded as an expression over a row aliased s. Each branch is an index probe, tried in
-- order and short-circuited by COALESCE (branches 2 and 3 are holder-in-ranges.sql):
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
    {ranges})
