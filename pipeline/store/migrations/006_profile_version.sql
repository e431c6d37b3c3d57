-- 006_profile_version: the version of the profile lexicons (profile.json, agencies.json and the
-- codebook's risk factors) a document's profile fields were extracted with. A re-tag after a
-- change to the tagging lexicons alone then refreshes only risk_factors_present, which follows
-- the proposals, instead of reading the whole report again for the other fields.
ALTER TABLE profile_fields ADD COLUMN profile_version TEXT;
