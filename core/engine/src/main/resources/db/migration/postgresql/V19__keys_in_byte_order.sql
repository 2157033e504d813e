-- Every varchar column of the store compares in byte order (the "C" collation) instead of the database's default.
-- These columns hold keys (identifier keys, source record ids, profile ids, blocking keys, segment names, settings):
-- they are only ever tested for equality, looked up in an index and ordered for paging, never sorted for people to
-- read. Under any other collation each comparison in a B-tree goes through the C library's strcoll (copying both
-- values first), which on a database in C.UTF-8 was about a ninth of PostgreSQL's CPU during bulk intake and far more
-- under a linguistic collation such as en_US.UTF-8 (docs/benchmarks.md, session 22). Text columns (JSON documents,
-- reasons kept as text) are not compared and stay as they are.
--
-- Changing a column's collation rewrites no table, but rebuilds the indexes on the column: on a large store this
-- migration takes about as long as building those indexes, with the tables locked meanwhile (run it in a maintenance
-- window). Every varchar column gets it, so that no query compares two columns of different collations (PostgreSQL
-- refuses that); a later migration that adds a varchar column must give it collate "C" too (PostgresSchemaTest).
-- H2 compares strings by their characters whatever this says: its V19 is empty.
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
