-- CDP Hub profile store, version 1, for PostgreSQL: the same tables, keys and indexes as h2/V1__profiles.sql,
-- with text where H2 has clob. Instants are stored in UTC.

create table cdp_profile (
    profile_id  varchar(36)              not null primary key,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    doc         text                     not null  -- JSON of the computed org.cdphub.api.model.Profile
);

-- Every identifier belongs to exactly one profile.
create table cdp_identifier (
    id_key      varchar(600) not null primary key,  -- "type:value", value normalised
    id_type     varchar(100) not null,
    profile_id  varchar(36)  not null
);
create index cdp_identifier_profile on cdp_identifier (profile_id);

-- The latest fragment of each source record.
create table cdp_fragment (
    source            varchar(200)             not null,
    source_record_id  varchar(500)             not null,
    profile_id        varchar(36)              not null,
    observed_at       timestamp with time zone not null,
    content_hash      varchar(64)              not null,  -- SHA-256 (hex) of the fragment's canonical JSON
    body              text                     not null,  -- JSON of the org.cdphub.api.model.Fragment, identifiers normalised
    primary key (source, source_record_id)
);
create index cdp_fragment_profile on cdp_fragment (profile_id);

-- Ids of profiles merged into another one; always point at a live profile (repointed on later merges).
create table cdp_profile_alias (
    alias_id    varchar(36)              not null primary key,
    profile_id  varchar(36)              not null,
    merged_at   timestamp with time zone not null
);
create index cdp_profile_alias_profile on cdp_profile_alias (profile_id);

create table cdp_segment_membership (
    profile_id  varchar(36)              not null,
    segment     varchar(100)             not null,
    since       timestamp with time zone not null,
    primary key (profile_id, segment)
);
create index cdp_segment_membership_segment on cdp_segment_membership (segment);

-- When the membership of a segment last changed (an entry or an exit), for the console.
create table cdp_segment (
    segment      varchar(100)             not null primary key,
    last_change  timestamp with time zone not null
);
