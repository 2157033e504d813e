-- The store's write lock (same script for H2 and PostgreSQL): every merge and segment evaluation starts its
-- transaction with "select id from cdp_lock where id = 1 for update", so writers on several nodes sharing this
-- database take turns (see org.cdphub.core.internal.store.StoreLock). One row, never deleted.
create table cdp_lock (
    id  integer not null primary key
);
insert into cdp_lock (id) values (1);
