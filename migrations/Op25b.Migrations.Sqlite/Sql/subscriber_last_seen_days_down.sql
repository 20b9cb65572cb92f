DROP TRIGGER last_seen_days_inserted;
DROP TRIGGER last_seen_days_updated;
DROP TRIGGER last_seen_days_deleted;
