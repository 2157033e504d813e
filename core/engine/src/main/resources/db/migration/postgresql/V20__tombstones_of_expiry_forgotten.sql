-- CDP Hub profile store, version 20: the tombstone an expiry leaves goes again once what it keeps out has expired.
-- An expired record's tombstone keeps out the versions observed at or before the removed one; the model lets such a
-- version live at most 13 months (Fragment.MAX_TIME_TO_LIVE) after its observation, and the merge stage stores no
-- fragment whose expiry has passed, so a day past 13 months after the removed version's observation (the day for the
-- nodes' clocks) the tombstone keeps out nothing with an expiry. forget_at is that instant; the expiry sweep deletes
-- tombstones whose forget_at has passed. Null keeps a tombstone: a removal's (erasure, correction), an expired
-- record's that a removal with a send time had left a tombstone for, and the expiry tombstones of hubs before this
-- version, which cannot be told apart from those. Without it the store kept a row (source record id: a cookie id,
-- say) for every third-party record that ever expired.
-- Adding a nullable column rewrites no table. Only tombstones to forget are in the index.
alter table cdp_fragment_tombstone add column forget_at timestamp with time zone;
create index cdp_fragment_tombstone_forget on cdp_fragment_tombstone (forget_at) where forget_at is not null;
