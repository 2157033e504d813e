-- CDP Hub profile store, version 3: identity-graph decisions and removed fragments.
-- The same script is in db/migration/postgresql (version 2 is taken by the PostgreSQL port).

-- Identifiers a fragment carries but gave up linking because linking them would have broken a per-type limit of the
-- identity rules (for example two crmIds of one CRM in one profile). Blocked placeholder values are not stored here:
-- the rules recognise them again whenever the fragment is read.
create table cdp_dropped_identifier (
    source            varchar(200)             not null,
    source_record_id  varchar(500)             not null,
    id_key            varchar(600)             not null,  -- "type:value", value normalised
    reason            varchar(2000)            not null,
    dropped_at        timestamp with time zone not null,
    primary key (source, source_record_id, id_key)
);

-- Source records whose fragment was removed (erasure, correction): a redelivered version observed at or before
-- observed_at changes nothing; a newer version is merged again and deletes the row.
create table cdp_fragment_tombstone (
    source            varchar(200)             not null,
    source_record_id  varchar(500)             not null,
    observed_at       timestamp with time zone not null,
    removed_at        timestamp with time zone not null,
    primary key (source, source_record_id)
);
