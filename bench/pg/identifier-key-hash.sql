-- PostgreSQL alone: identifier rows keyed by the key itself (varchar(600) collate "C", as cdp_identifier is) and by a
-- 16-byte hash of it (uuid from md5, the key kept in a column of the row), each with the index on profile_id: inserts
-- of 3,000,000 rows with random e-mail keys in statements of 3,000 (each batch into x_v, then x_h), then owner lookups
-- of 2,000 keys a statement, half of them stored, as the merge's lookups are (`id_key in (select unnest(?))`), twice
-- 300 statements; the primary keys' sizes at the end. What a change of the identifier table's key to a hash would give
-- (session 38: inserts 5 to 6 % and lookups 23 to 25 % less time, the key's index 121 MB against 222 MB; not built;
-- the hashes of the looked-up keys are computed outside the timed statements, as the hub would compute them). Tables
-- of their own, dropped at the end.
-- Run: PGPASSWORD=cdphub psql -h 127.0.0.1 -U cdphub -d cdphub_test -f bench/pg/identifier-key-hash.sql
\pset pager off
drop table if exists x_v, x_h, x_probe;
create table x_v (id_key varchar(600) collate "C" primary key, id_type varchar(100) collate "C" not null,
    profile_id varchar(36) collate "C" not null);
create index on x_v (profile_id);
create table x_h (id_hash uuid primary key, id_key varchar(600) collate "C" not null,
    id_type varchar(100) collate "C" not null, profile_id varchar(36) collate "C" not null);
create index on x_h (profile_id);
create or replace procedure x_fill(first int, batches int) language plpgsql as $$
declare i int; t0 timestamptz; tv interval := '0'; th interval := '0';
begin
for i in first..(first + batches - 1) loop
  create temp table if not exists x_batch (k varchar, p varchar);
  truncate x_batch;
  insert into x_batch select 'email:' || substr(md5(random()::text), 1, 8) || '.' || substr(md5(random()::text), 1, 6)
      || '@example.com', lpad(to_hex(i * 3000 + g / 3), 8, '0') || '-0000-7abc-8def-' || substr(md5(g::text), 1, 12)
      from generate_series(1, 3000) g;
  t0 := clock_timestamp();
  insert into x_v select k, 'email', p from x_batch;
  tv := tv + (clock_timestamp() - t0);
  t0 := clock_timestamp();
  insert into x_h select md5(k)::uuid, k, 'email', p from x_batch;
  th := th + (clock_timestamp() - t0);
  commit;
end loop;
raise notice 'inserts of % rows: by key %, by hash %', batches * 3000, tv, th;
end $$;
call x_fill(0, 1000);
create table x_probe as select id_key from x_v tablesample bernoulli (0.05) limit 1000;
create or replace procedure x_look(rounds int) language plpgsql as $$
declare i int; t0 timestamptz; tv interval := '0'; th interval := '0'; ks varchar[]; hs uuid[]; n bigint;
    found_rows bigint := 0;
begin
for i in 1..rounds loop
  select array_agg(k), array_agg(md5(k)::uuid) into ks, hs from (select id_key k from x_probe union all
      select 'email:' || substr(md5(random()::text), 1, 8) || '.x@example.com' from generate_series(1, 1000)) s;
  t0 := clock_timestamp();
  select count(*) into n from x_v where id_key in (select unnest(ks));
  tv := tv + (clock_timestamp() - t0);
  t0 := clock_timestamp();
  select count(*) into n from x_h where id_hash in (select unnest(hs));
  th := th + (clock_timestamp() - t0);
  found_rows := found_rows + n;
end loop;
raise notice 'lookups of % keys (% found): by key %, by hash %', rounds * 2000, found_rows, tv, th;
end $$;
call x_look(300);
call x_look(300);
select pg_size_pretty(pg_relation_size('x_v_pkey')) as key_index, pg_size_pretty(pg_relation_size('x_h_pkey'))
    as hash_index;
drop table x_v, x_h, x_probe;
drop procedure x_fill;
drop procedure x_look;
