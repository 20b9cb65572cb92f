-- attempt_subscriber_last_seen_days: for each subscriber and UTC day, how many rows of
-- attempt_subscriber_destinations have their last_seen on that day. Statement-level triggers with
-- transition tables keep it equal to that table, so whichever statement writes the
-- subscriber-destination table (ingest, late attribution, retention, a rebuild) moves the
-- histogram in the same statement, one aggregated upsert per statement instead of one per row.
-- INSERT ... ON CONFLICT DO UPDATE fires both: the insert trigger sees the inserted rows, the
-- update trigger the updated ones (old and new images). Rows go in key order, so concurrent
-- writers lock histogram rows in the same order. Rows that drop to zero stay until retention.

INSERT INTO attempt_subscriber_last_seen_days (subscriber_id, day, destinations)
SELECT subscriber_id, date_trunc('day', last_seen, 'UTC'), count(*)
FROM attempt_subscriber_destinations
GROUP BY 1, 2;

-- Inserted rows add to their day, deleted rows take from it; both triggers name their rows changed_rows.
CREATE FUNCTION attempt_last_seen_days_added_or_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO attempt_subscriber_last_seen_days AS h (subscriber_id, day, destinations)
    SELECT subscriber_id, date_trunc('day', last_seen, 'UTC'), CASE TG_OP WHEN 'DELETE' THEN -count(*) ELSE count(*) END
    FROM changed_rows
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (subscriber_id, day) DO UPDATE SET destinations = h.destinations + excluded.destinations;
    RETURN NULL;
END $$;

-- A new attempt moves last_seen forward; only a move into another day changes the histogram.
-- The join sees every row the statement updated (one per server tried in an ingest chunk), so it
-- must be a hash join: knowing nothing of the transition tables' contents, the planner chose a
-- merge join with two sorts (three times slower) for 20,000 rows and a nested loop rescanning
-- the tuplestore (quadratic: minutes) for 700,000. JIT compiling costs about a second, far more
-- than the statement. The day comparison avoids date_trunc for rows that stay in their day.
CREATE FUNCTION attempt_last_seen_days_updated() RETURNS trigger LANGUAGE plpgsql
    SET enable_mergejoin = off SET enable_nestloop = off SET jit = off AS $$
BEGIN
    WITH moved AS (
        SELECT o.subscriber_id, o.last_seen AS moved_from, n.last_seen AS moved_to
        FROM old_rows o
        JOIN new_rows n ON n.subscriber_id = o.subscriber_id AND n.destination_ip = o.destination_ip
        WHERE (o.last_seen AT TIME ZONE 'UTC')::date <> (n.last_seen AT TIME ZONE 'UTC')::date
    )
    INSERT INTO attempt_subscriber_last_seen_days AS h (subscriber_id, day, destinations)
    SELECT subscriber_id, day, sum(delta)
    FROM (SELECT subscriber_id, date_trunc('day', moved_from, 'UTC') AS day, -1 AS delta FROM moved
          UNION ALL
          SELECT subscriber_id, date_trunc('day', moved_to, 'UTC'), 1 FROM moved) d
    GROUP BY 1, 2
    ORDER BY 1, 2
    ON CONFLICT (subscriber_id, day) DO UPDATE SET destinations = h.destinations + excluded.destinations;
    RETURN NULL;
END $$;

CREATE TRIGGER last_seen_days_inserted AFTER INSERT ON attempt_subscriber_destinations
    REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION attempt_last_seen_days_added_or_removed();
CREATE TRIGGER last_seen_days_updated AFTER UPDATE ON attempt_subscriber_destinations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION attempt_last_seen_days_updated();
CREATE TRIGGER last_seen_days_deleted AFTER DELETE ON attempt_subscriber_destinations
    REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION attempt_last_seen_days_added_or_removed();
