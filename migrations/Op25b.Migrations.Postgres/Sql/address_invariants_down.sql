ALTER TABLE exemption_prefixes DROP CONSTRAINT exemption_prefixes_one_claim;
DROP TRIGGER exemptions_move_claim ON exemptions;
DROP FUNCTION exemptions_move_claim();
DROP TRIGGER exemption_prefixes_take_claim ON exemption_prefixes;
DROP FUNCTION exemption_prefixes_take_claim();
DROP FUNCTION exemption_claim(text, timestamptz, timestamptz);
ALTER TABLE exemption_prefixes DROP COLUMN claimed_during;
ALTER TABLE address_assignments DROP CONSTRAINT address_assignments_one_holder;
