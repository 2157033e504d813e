-- CDP Hub profile store, version 4: probabilistic matching in the streaming engine.
-- The same script is in db/migration/h2 and db/migration/postgresql (only the type of the JSON column differs).

-- Blocking keys of every profile (from its surviving traits): a new profile is scored only against the profiles that
-- share one of its keys. Deleted and rewritten whenever the profile is recomputed.
create table cdp_block_key (
    block_key   varchar(300) not null,
    profile_id  varchar(64)  not null,
    primary key (block_key, profile_id)
);
create index cdp_block_key_profile on cdp_block_key (profile_id);

-- Fragments that joined a profile by probability (no shared identifier): the fragment, the stored fragment of the
-- profile it was matched to, the score in bits and what each field added ({"firstName": 3.1, ...}). Re-applied
-- whenever the profile is rebuilt; shown by explain.
create table cdp_match_link (
    source               varchar(200)             not null,
    source_record_id     varchar(500)             not null,
    to_source            varchar(200)             not null,
    to_source_record_id  varchar(500)             not null,
    score                double precision         not null,
    contributions        clob                      not null,
    linked_at            timestamp with time zone not null,
    primary key (source, source_record_id)
);
