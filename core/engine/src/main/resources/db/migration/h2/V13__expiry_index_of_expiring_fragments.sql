-- CDP Hub profile store, version 13: on PostgreSQL the expiry index now holds only the fragments that expire. H2 has
-- no partial indexes: its index stays as version 5 made it, and this version only records why.
comment on index cdp_fragment_expires is 'expires_at of every fragment; PostgreSQL keeps only those that expire (V13)';
