-- CDP Hub profile store, version 8 (H2 only; db/migration/postgresql/V8 changes nothing): the JSON documents become
-- CHARACTER VARYING instead of CLOB. H2 keeps a CLOB in its LOB store, so every read and write of a fragment or a
-- profile went through a LOB stream and an extra map; a VARCHAR lives in the row. PostgreSQL's text is unchanged.
alter table cdp_fragment alter column body set data type varchar(1000000000);
alter table cdp_profile alter column doc set data type varchar(1000000000);
alter table cdp_match_link alter column contributions set data type varchar(1000000000);
