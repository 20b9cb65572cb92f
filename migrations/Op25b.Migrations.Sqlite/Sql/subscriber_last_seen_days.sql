-- attempt_subscriber_last_seen_days: for each subscriber and UTC day, how many rows of
-- attempt_subscriber_destinations have their last_seen on that day. Row triggers keep it equal to
-- that table, so whichever statement writes the subscriber-destination table (ingest, late
-- attribution, retention) moves the histogram in the same transaction. Instants are UTC ticks;
-- a day is 864,000,000,000 ticks and day boundaries fall on UTC midnight. An upsert's DO UPDATE
-- fires the update trigger. Rows that drop to zero stay until retention.

INSERT INTO attempt_subscriber_last_seen_days (subscriber_id, day, destinations)
SELECT subscriber_id, last_seen - last_seen % 864000000000, count(*)
FROM attempt_subscriber_destinations
GROUP BY 1, 2;

CREATE TRIGGER last_seen_days_inserted AFTER INSERT ON attempt_subscriber_destinations
BEGIN
    INSERT INTO attempt_subscriber_last_seen_days (subscriber_id, day, destinations)
    VALUES (NEW.subscriber_id, NEW.last_seen - NEW.last_seen % 864000000000, 1)
    ON CONFLICT (subscriber_id, day) DO UPDATE SET destinations = destinations + 1;
END;

-- A new attempt moves last_seen forward; only a move into another day changes the histogram.
CREATE TRIGGER last_seen_days_updated AFTER UPDATE OF last_seen ON attempt_subscriber_destinations
WHEN NEW.last_seen / 864000000000 <> OLD.last_seen / 864000000000
BEGIN
    UPDATE attempt_subscriber_last_seen_days SET destinations = destinations - 1
    WHERE subscriber_id = OLD.subscriber_id AND day = OLD.last_seen - OLD.last_seen % 864000000000;
    INSERT INTO attempt_subscriber_last_seen_days (subscriber_id, day, destinations)
    VALUES (NEW.subscriber_id, NEW.last_seen - NEW.last_seen % 864000000000, 1)
    ON CONFLICT (subscriber_id, day) DO UPDATE SET destinations = destinations + 1;
END;

CREATE TRIGGER last_seen_days_deleted AFTER DELETE ON attempt_subscriber_destinations
BEGIN
    UPDATE attempt_subscriber_last_seen_days SET destinations = destinations - 1
    WHERE subscriber_id = OLD.subscriber_id AND day = OLD.last_seen - OLD.last_seen % 864000000000;
END;
