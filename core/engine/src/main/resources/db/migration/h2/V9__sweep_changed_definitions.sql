-- CDP Hub profile store, version 9: after a definition change, the sweep over every profile evaluates only the new or
-- changed definitions (and those that refer to them), marked here until the sweep is done. The same script is in
-- db/migration/h2 and db/migration/postgresql.
alter table cdp_segment_definition add column sweep boolean default false not null;
