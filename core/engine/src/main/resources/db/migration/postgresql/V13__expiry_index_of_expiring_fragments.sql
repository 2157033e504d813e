-- CDP Hub profile store, version 13: the expiry index holds only the fragments that expire (third-party data with a
-- time to live). First-party records (CRM contacts, customers, orders) never expire; each of them cost an entry in
-- this index all the same, one of about ten index entries a merged record writes. The expiry sweep's query
-- (expires_at <= ?) implies expires_at is not null, so it reads this index as before.
drop index cdp_fragment_expires;
create index cdp_fragment_expires on cdp_fragment (expires_at) where expires_at is not null;
