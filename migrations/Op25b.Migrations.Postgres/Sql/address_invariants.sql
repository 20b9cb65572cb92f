-- One holder per address at any instant, and one claiming exemption per address at any instant,
-- decided by the database: concurrent writers cannot both pass a read-then-write check.
-- Prefixes are stored as canonical text ("198.51.100.8/30"); the cast to inet is immutable, so
-- the GiST index over it (inet_ops answers && = "overlaps") needs no extra column.

ALTER TABLE address_assignments ADD CONSTRAINT address_assignments_one_holder
    EXCLUDE USING gist ((prefix::inet) inet_ops WITH &&, tstzrange(valid_from, valid_until, '[)') WITH &&);

-- An exemption's prefixes live in their own table, its status and window in exemptions. The
-- exclusion constraint needs both on one row: claimed_during is the window while the exemption
-- still claims its prefixes (requested, approved, active) and NULL once it no longer does. EF
-- does not map it; these triggers keep it, so no code path can forget to.
ALTER TABLE exemption_prefixes ADD COLUMN claimed_during tstzrange;

CREATE FUNCTION exemption_claim(status text, valid_from timestamptz, valid_until timestamptz) RETURNS tstzrange
    LANGUAGE sql IMMUTABLE
    RETURN CASE WHEN status IN ('requested', 'approved', 'active') THEN tstzrange(valid_from, valid_until, '[)') END;

CREATE FUNCTION exemption_prefixes_take_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT exemption_claim(e.status, e.valid_from, e.valid_until) INTO NEW.claimed_during
    FROM exemptions e WHERE e.id = NEW.exemption_id;
    RETURN NEW;
END $$;

CREATE TRIGGER exemption_prefixes_take_claim BEFORE INSERT OR UPDATE OF exemption_id ON exemption_prefixes
    FOR EACH ROW EXECUTE FUNCTION exemption_prefixes_take_claim();

CREATE FUNCTION exemptions_move_claim() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE exemption_prefixes SET claimed_during = exemption_claim(NEW.status, NEW.valid_from, NEW.valid_until)
    WHERE exemption_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER exemptions_move_claim AFTER UPDATE OF status, valid_from, valid_until ON exemptions
    FOR EACH ROW EXECUTE FUNCTION exemptions_move_claim();

UPDATE exemption_prefixes p SET claimed_during = exemption_claim(e.status, e.valid_from, e.valid_until)
FROM exemptions e WHERE e.id = p.exemption_id;

ALTER TABLE exemption_prefixes ADD CONSTRAINT exemption_prefixes_one_claim
    EXCLUDE USING gist ((prefix::inet) inet_ops WITH &&, claimed_during WITH &&) WHERE (claimed_during IS NOT NULL);
