-- The segment lock (same script for H2 and PostgreSQL): the segment stage's transactions start with
-- "select id from cdp_lock where id = 2 for update" instead of the store lock (row 1), so segment evaluations run
-- while a merge does; a merge that moves segment state (absorbing a profile) takes row 2 after row 1 (see
-- org.cdphub.core.internal.store.StoreLock). One row, never deleted.
insert into cdp_lock (id) values (2);
