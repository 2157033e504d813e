-- PostgreSQL alone: identifier rows (the shape of cdp_identifier: a varchar primary key and an index on profile_id)
-- inserted and looked up with the key columns in the database's collation and in "C" (byte order), to see what a
-- migration of the store's key columns to "C" would give (store version 19 made that migration, session 22). Tables of
-- its own, dropped at the end.
-- Run: PGPASSWORD=cdphub psql -h 127.0.0.1 -U cdphub -d cdphub_test -f bench/pg/key-collation.sql
\pset pager off
drop table if exists kc_default, kc_c;
create table kc_default (id_key varchar(600) primary key, id_type varchar(100), profile_id varchar(36));
create index on kc_default (profile_id);
create table kc_c (id_key varchar(600) collate "C" primary key, id_type varchar(100),
    profile_id varchar(36) collate "C");
create index on kc_c (profile_id);
show lc_collate;
\timing on
\echo 1,000,000 e-mail keys, database collation then "C"
insert into kc_default select 'email:person' || md5(i::text) || '@example.com', 'email', gen_random_uuid()::text
    from generate_series(1, 1000000) i;
insert into kc_c select 'email:person' || md5(i::text) || '@example.com', 'email', gen_random_uuid()::text
    from generate_series(1, 1000000) i;
\echo 500,000 phone keys, database collation then "C"
insert into kc_default select 'phone:+2782' || (i + 5000000)::text, 'phone', gen_random_uuid()::text
    from generate_series(1, 500000) i;
insert into kc_c select 'phone:+2782' || (i + 5000000)::text, 'phone', gen_random_uuid()::text
    from generate_series(1, 500000) i;
\timing off
analyze kc_default;
analyze kc_c;
create temp table kc_keys as select array_agg('email:person' || md5((i * 997 % 2000000)::text) || '@example.com') a
    from generate_series(1, 20000) i;
\timing on
\echo 20,000 keys looked up as one array (half stored), twice each, database collation then "C"
select count(*) from kc_keys, lateral (select 1 from kc_default where id_key in (select unnest(kc_keys.a))) x;
select count(*) from kc_keys, lateral (select 1 from kc_default where id_key in (select unnest(kc_keys.a))) x;
select count(*) from kc_keys, lateral (select 1 from kc_c where id_key in (select unnest(kc_keys.a))) x;
select count(*) from kc_keys, lateral (select 1 from kc_c where id_key in (select unnest(kc_keys.a))) x;
\timing off
drop table kc_default, kc_c;
