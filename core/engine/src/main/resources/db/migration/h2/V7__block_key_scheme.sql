-- CDP Hub profile store, version 7: the streaming engine now forms the bulk resolver's blocking keys. The keys stored
-- by earlier versions are of another scheme and are dropped; BlockKeyBackfill recomputes them for every stored profile
-- in the background (in pages, each in its own short transaction) and then sets block_keys to 'done'. Profiles merged
-- meanwhile get their new keys as usual. The same script is in db/migration/h2 and db/migration/postgresql.
create table cdp_setting (
    setting_name   varchar(100) not null primary key,
    setting_value  varchar(400) not null
);
delete from cdp_block_key;
insert into cdp_setting (setting_name, setting_value) values ('block_keys', 'pending');
