-- CDP Hub profile store, version 20: the tombstone an expiry leaves goes again once what it keeps out has expired
-- (see postgresql/V20 for the reasoning). H2 has no partial indexes: every tombstone is in the index, its forget_at
-- null for a tombstone that is kept.
alter table cdp_fragment_tombstone add column forget_at timestamp with time zone;
create index cdp_fragment_tombstone_forget on cdp_fragment_tombstone (forget_at);
