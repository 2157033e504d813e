-- CDP Hub profile store, version 8: on H2 the JSON documents became CHARACTER VARYING instead of CLOB. PostgreSQL
-- keeps them as text, which is already stored in the row (or TOAST); nothing changes here.
select 1;
