-- CDP Hub profile store, version 11: what the segment definitions last read of each profile, as one hash per field
-- (a trait, the events of a type, the consents), so that a profile change evaluates only the definitions that read a
-- field that changed. No row: every definition is evaluated. The same table is in db/migration/h2 and
-- db/migration/postgresql (text there).
create table cdp_segment_input (
    profile_id  varchar(36)  not null primary key,
    hashes      varchar(1000000) not null
);
