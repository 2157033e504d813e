-- CDP Hub profile store, version 18 (the same script for H2 and PostgreSQL): a tombstone also keeps out what the
-- connector runtime sent before the removal. sent_at is when the removal was put on the queue (the runtime's clock,
-- increasing per connector and node); a fragment sent at or before it changes nothing when it arrives later, whatever
-- its observation time says. observed_at (the removed version, the source's clock) may now be null: a record removed
-- before any version of it was stored has no removed version.
alter table cdp_fragment_tombstone alter column observed_at drop not null;
alter table cdp_fragment_tombstone add column sent_at timestamp with time zone;
