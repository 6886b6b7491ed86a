-- The contract's length limits count Unicode code points (200 for a name or reference, 2,000 for a
-- description). H2 measures VARCHAR in UTF-16 units, where a character outside the Basic
-- Multilingual Plane (an emoji) takes two, so a valid reference of 101 emoji did not fit its column
-- and stopped the projector. Twice the limit holds any text the API accepts, on H2 and PostgreSQL.
ALTER TABLE rm_project ALTER COLUMN name SET DATA TYPE VARCHAR(400);
ALTER TABLE rm_member ALTER COLUMN name SET DATA TYPE VARCHAR(400);
ALTER TABLE rm_contribution ALTER COLUMN role SET DATA TYPE VARCHAR(400);
ALTER TABLE rm_contribution ALTER COLUMN reference SET DATA TYPE VARCHAR(400);
ALTER TABLE rm_contribution ALTER COLUMN description SET DATA TYPE VARCHAR(4000);
ALTER TABLE rm_settlement ALTER COLUMN reference SET DATA TYPE VARCHAR(400);
