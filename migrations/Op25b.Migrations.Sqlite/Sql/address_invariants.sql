-- One holder per address at any instant, and one claiming exemption per address at any instant.
-- SQLite has one writer at a time, so a check made by a trigger inside the write is made
-- against every committed row and no concurrent writer can slip between the check and the
-- write. Address keys are order-preserving hex text; instants are UTC ticks (integers).
-- The RAISE messages are the constraint names the API maps to 409 problems.

CREATE TRIGGER address_assignments_one_holder_insert BEFORE INSERT ON address_assignments
WHEN EXISTS (
    SELECT 1 FROM address_assignments a
    WHERE a.family = NEW.family AND a.range_first <= NEW.range_last AND a.range_last >= NEW.range_first
      AND (a.valid_until IS NULL OR NEW.valid_from < a.valid_until)
      AND (NEW.valid_until IS NULL OR a.valid_from < NEW.valid_until))
BEGIN
    SELECT RAISE(ABORT, 'address_assignments_one_holder');
END;

CREATE TRIGGER address_assignments_one_holder_update
BEFORE UPDATE OF family, range_first, range_last, valid_from, valid_until ON address_assignments
WHEN EXISTS (
    SELECT 1 FROM address_assignments a
    WHERE a.id <> NEW.id
      AND a.family = NEW.family AND a.range_first <= NEW.range_last AND a.range_last >= NEW.range_first
      AND (a.valid_until IS NULL OR NEW.valid_from < a.valid_until)
      AND (NEW.valid_until IS NULL OR a.valid_from < NEW.valid_until))
BEGIN
    SELECT RAISE(ABORT, 'address_assignments_one_holder');
END;

-- A prefix row is written right after its exemption row, in the same transaction. Later
-- changes to an exemption only stop its claim (rejected, revoked, expired) or shorten its
-- window, which can never create an overlap, so checking the insert is enough.
CREATE TRIGGER exemption_prefixes_one_claim BEFORE INSERT ON exemption_prefixes
WHEN EXISTS (
    SELECT 1
    FROM exemptions mine
    JOIN exemptions other ON other.id <> mine.id AND other.status IN ('requested', 'approved', 'active')
    JOIN exemption_prefixes p ON p.exemption_id = other.id
    WHERE mine.id = NEW.exemption_id AND mine.status IN ('requested', 'approved', 'active')
      AND p.family = NEW.family AND p.range_first <= NEW.range_last AND p.range_last >= NEW.range_first
      AND (other.valid_until IS NULL OR mine.valid_from < other.valid_until)
      AND (mine.valid_until IS NULL OR other.valid_from < mine.valid_until))
BEGIN
    SELECT RAISE(ABORT, 'exemption_prefixes_one_claim');
END;
