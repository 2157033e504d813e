-- PostgreSQL alone: identifier rows (the shape of cdp_identifier: a varchar primary key with random e-mail keys and an
-- index on profile_id) with the profile id as varchar(36) collate "C" (as the store has it) and as uuid, to see what a
-- change of the profile id columns' type would give (session 23: not worth it). The profile ids are in time order, as
-- the hub's version 7 ids are: a counter in the first 8 hex digits, the rest random. 1,500,000 rows per table, in 500
-- statements of 3,000 rows, as two halves of 250 statements each (the second half inserts into a larger index), the
-- tables taking turns. Tables of their own, dropped at the end.
-- Run: PGPASSWORD=cdphub psql -h 127.0.0.1 -U cdphub -d cdphub_test -f bench/pg/profile-id-type.sql
\pset pager off
drop table if exists x_id_v, x_id_u;
create table x_id_v (id_key varchar(600) collate "C" primary key, id_type varchar(100) collate "C" not null,
    profile_id varchar(36) collate "C" not null);
create index on x_id_v (profile_id);
create table x_id_u (id_key varchar(600) collate "C" primary key, id_type varchar(100) collate "C" not null,
    profile_id uuid not null);
create index on x_id_u (profile_id);
\timing on
\echo first half: varchar(36), then uuid
do $$ declare i int; begin
for i in 0..499 loop
  insert into x_id_v select 'email:' || md5(random()::text) || '@example.com', 'email',
      (lpad(to_hex(i * 3000 + g), 8, '0') || '-0000-7abc-8def-' || substr(md5(i::text || g), 1, 12))::uuid::text
      from generate_series(1, 3000) g;
end loop; end $$;
do $$ declare i int; begin
for i in 0..499 loop
  insert into x_id_u select 'email:' || md5(random()::text) || '@example.com', 'email',
      (lpad(to_hex(i * 3000 + g), 8, '0') || '-0000-7abc-8def-' || substr(md5(i::text || g), 1, 12))::uuid
      from generate_series(1, 3000) g;
end loop; end $$;
\echo second half: varchar(36), then uuid
do $$ declare i int; begin
for i in 500..999 loop
  insert into x_id_v select 'email:' || md5(random()::text) || '@example.com', 'email',
      (lpad(to_hex(i * 3000 + g), 8, '0') || '-0000-7abc-8def-' || substr(md5(i::text || g), 1, 12))::uuid::text
      from generate_series(1, 3000) g;
end loop; end $$;
do $$ declare i int; begin
for i in 500..999 loop
  insert into x_id_u select 'email:' || md5(random()::text) || '@example.com', 'email',
      (lpad(to_hex(i * 3000 + g), 8, '0') || '-0000-7abc-8def-' || substr(md5(i::text || g), 1, 12))::uuid
      from generate_series(1, 3000) g;
end loop; end $$;
\timing off
select pg_size_pretty(pg_relation_size('x_id_v_profile_id_idx')) as varchar_profile_index,
    pg_size_pretty(pg_relation_size('x_id_u_profile_id_idx')) as uuid_profile_index;
drop table x_id_v, x_id_u;
