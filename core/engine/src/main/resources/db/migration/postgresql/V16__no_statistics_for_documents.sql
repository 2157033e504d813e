-- No planner statistics for the columns that hold JSON documents and hashes. ANALYZE (autovacuum's, and the merge
-- engine's while a store fills: org.cdphub.core.internal.store.StoreStatistics) samples up to 30,000 rows of a table
-- and sorts each column's values for its most common values and histogram; for the fragments' and profiles' JSON that
-- was most of its work, and no query filters, joins or sorts on these columns. H2 keeps no such statistics
-- (its V16 is empty).
alter table cdp_fragment alter column body set statistics 0;
alter table cdp_fragment alter column content_hash set statistics 0;
alter table cdp_profile alter column doc set statistics 0;
alter table cdp_segment_state alter column inputs set statistics 0;
