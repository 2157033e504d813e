-- PostgreSQL alone: profile rows (the shape of cdp_profile: a varchar(36) primary key in time order and a document of
-- about 700 characters) in a table filled to the brim (fillfactor 100, PostgreSQL's default) and in one with a quarter
-- of each page left free on insert (fillfactor 75, store version 21); after each batch of 3,000 inserts a third of the
-- rows of the batch three before get a document of about 1,000 characters (a second fragment joined them). Per table:
-- the time of the inserts and of the updates, the WAL written, and how many updates PostgreSQL made heap-only (no new
-- index entry). 2,700,000 rows a table as three runs of 300 batches (900,000 rows), the tables taking turns. Tables of
-- their own, dropped at the end (session 38).
-- Run: PGPASSWORD=cdphub psql -h 127.0.0.1 -U cdphub -d cdphub_test -f bench/pg/profile-fillfactor.sql
\pset pager off
drop table if exists x_profile_100, x_profile_75;
create table x_profile_100 (profile_id varchar(36) collate "C" primary key, created_at timestamptz not null,
    updated_at timestamptz not null, doc text not null);
create table x_profile_75 (profile_id varchar(36) collate "C" primary key, created_at timestamptz not null,
    updated_at timestamptz not null, doc text not null) with (fillfactor = 75);
create or replace procedure x_profile_load(t text, first int, batches int) language plpgsql as $$
declare i int; w0 pg_lsn; t0 timestamptz; t1 timestamptz; ti interval := '0'; tu interval := '0';
begin
w0 := pg_current_wal_lsn();
for i in first..(first + batches - 1) loop
  t0 := clock_timestamp();
  execute format('insert into %I select lpad(to_hex(%s * 3000 + g), 8, ''0'') || ''-0000-7abc-8def-'''
      ' || substr(md5(g::text), 1, 12), now(), now(), repeat(md5(g::text), 22) from generate_series(1, 3000) g', t, i);
  t1 := clock_timestamp();
  ti := ti + (t1 - t0);
  if i >= first + 3 then
    execute format('update %I set doc = repeat(md5(random()::text), 31), updated_at = now() where profile_id in'
        ' (select lpad(to_hex(%s * 3000 + g), 8, ''0'') || ''-0000-7abc-8def-'' || substr(md5(g::text), 1, 12)'
        ' from generate_series(1, 3000, 3) g)', t, i - 3);
  end if;
  tu := tu + (clock_timestamp() - t1);
  commit;
end loop;
raise notice '%: inserts %, updates %, WAL %', t, ti, tu, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), w0));
end $$;
call x_profile_load('x_profile_100', 0, 300);
call x_profile_load('x_profile_75', 0, 300);
call x_profile_load('x_profile_75', 400, 300);
call x_profile_load('x_profile_100', 400, 300);
call x_profile_load('x_profile_100', 800, 300);
call x_profile_load('x_profile_75', 800, 300);
select relname, n_tup_upd as updates, n_tup_hot_upd as heap_only, pg_size_pretty(pg_total_relation_size(relid)) as size
    from pg_stat_user_tables where relname in ('x_profile_100', 'x_profile_75') order by 1;
drop table x_profile_100, x_profile_75;
drop procedure x_profile_load;
