-- Both providers: attribute the still unattributed attempts with ids in (@after, @upto] whose
-- holder is now known, and return them so their rollup counts can move. The holder placeholder is
-- holder-of-source.sql.
UPDATE blocked_attempts AS t
SET subscriber_id = c.holder, attributed_at = @now
FROM (SELECT s.id AS attempt_id, s.occurred_at AS attempt_at, {holder} AS holder
      FROM blocked_attempts s
      WHERE s.subscriber_id IS NULL AND s.id > @after AND s.id <= @upto AND s.occurred_at >= @since) c
WHERE t.id = c.attempt_id AND t.occurred_at = c.attempt_at AND c.holder IS NOT NULL
-- Unqualified: SQLite's RETURNING does not accept the table's alias.
RETURNING occurred_at, subscriber_id, router_name, destination_ip, packets
