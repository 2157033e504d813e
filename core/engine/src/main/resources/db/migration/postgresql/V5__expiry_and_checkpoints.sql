-- CDP Hub profile store, version 5: third-party data that expires, and connector checkpoints.
-- The same script is in db/migration/h2 and db/migration/postgresql, but for the primary key change at the end.

-- When the hub removes a fragment again (third-party data with a time to live, see Fragment.expiresAt); null for
-- data kept until its source deletes it. The expiry sweep reads the index in order.
alter table cdp_fragment add column expires_at timestamp with time zone;
create index cdp_fragment_expires on cdp_fragment (expires_at);

-- Where each connector instance left off in its source (a timestamp, a cursor): opaque to the hub.
create table cdp_connector_checkpoint (
    connector_id  varchar(100)             not null,
    ckey          varchar(200)             not null,
    cvalue        varchar(4000)            not null,
    updated_at    timestamp with time zone not null,
    primary key (connector_id, ckey)
);

-- A fragment may now match more than one other fragment (a stored profile and an earlier new record of the same
-- batch), so a match link is keyed by both ends.
alter table cdp_match_link drop constraint cdp_match_link_pkey;
alter table cdp_match_link add primary key (source, source_record_id, to_source, to_source_record_id);
