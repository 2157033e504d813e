-- Every varchar column of the store compares in byte order (the "C" collation) instead of the database's default.
-- Nearly all of them hold keys (identifier keys, source record ids, profile ids, blocking keys, segment names,
-- settings), which are only tested for equality, looked up in an index and ordered for paging, never sorted for people
-- to read. Under any other collation a comparison of two unequal values in a B-tree copies both and calls the
-- collation's comparison (the C library's strcoll, or ICU's): in bulk intake that was about a ninth of PostgreSQL's
-- CPU on a database in C.UTF-8 and a sixth on one in ICU's en-US (docs/benchmarks.md, session 22). The few varchar
-- columns that are not keys (a dropped identifier's reason, a checkpoint's value) change too, so that the rule is
-- simply "every varchar column" and a test can hold later migrations to it (PostgresSchemaTest: a migration that adds
-- a varchar column must give it collate "C"). Text columns (JSON documents) are never compared and stay as they are.
--
-- Changing a column's collation rewrites no table, but rebuilds the indexes on the column and drops the column's
-- planner statistics, so the tables are analysed again at the end: without statistics the planner reads whole tables
-- for the merge's lookups by profile id until autovacuum gets round to them. On a large store this migration takes
-- about as long as building those indexes and analysing the tables, with the tables locked meanwhile (upgrade in a
-- maintenance window). H2 compares strings by their characters whatever this says: its V19 is empty.
alter table cdp_profile
    alter column profile_id type varchar(36) collate "C";
alter table cdp_identifier
    alter column id_key type varchar(600) collate "C",
    alter column id_type type varchar(100) collate "C",
    alter column profile_id type varchar(36) collate "C";
alter table cdp_fragment
    alter column source type varchar(200) collate "C",
    alter column source_record_id type varchar(500) collate "C",
    alter column profile_id type varchar(36) collate "C",
    alter column content_hash type varchar(64) collate "C";
alter table cdp_profile_alias
    alter column alias_id type varchar(36) collate "C",
    alter column profile_id type varchar(36) collate "C";
alter table cdp_segment
    alter column segment type varchar(100) collate "C";
alter table cdp_dropped_identifier
    alter column source type varchar(200) collate "C",
    alter column source_record_id type varchar(500) collate "C",
    alter column id_key type varchar(600) collate "C",
    alter column reason type varchar(2000) collate "C";
alter table cdp_fragment_tombstone
    alter column source type varchar(200) collate "C",
    alter column source_record_id type varchar(500) collate "C";
alter table cdp_match_link
    alter column source type varchar(200) collate "C",
    alter column source_record_id type varchar(500) collate "C",
    alter column to_source type varchar(200) collate "C",
    alter column to_source_record_id type varchar(500) collate "C";
alter table cdp_block_key
    alter column block_key type varchar(300) collate "C",
    alter column profile_id type varchar(64) collate "C";
alter table cdp_connector_checkpoint
    alter column connector_id type varchar(100) collate "C",
    alter column ckey type varchar(200) collate "C",
    alter column cvalue type varchar(4000) collate "C";
alter table cdp_segment_definition
    alter column segment type varchar(100) collate "C",
    alter column hash type varchar(64) collate "C";
alter table cdp_segment_state
    alter column profile_id type varchar(64) collate "C";
alter table cdp_setting
    alter column setting_name type varchar(100) collate "C",
    alter column setting_value type varchar(400) collate "C";

analyze cdp_profile, cdp_identifier, cdp_fragment, cdp_profile_alias, cdp_segment, cdp_dropped_identifier,
    cdp_fragment_tombstone, cdp_match_link, cdp_block_key, cdp_connector_checkpoint, cdp_segment_definition,
    cdp_segment_state, cdp_setting;
