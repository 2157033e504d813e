-- CDP Hub profile store, version 10: segment memberships as one row per profile instead of one row per membership.
-- A first evaluation of 50 segments over a million profiles wrote 12 million rows (three index entries each); now it
-- writes a million. segments holds ",<segment>@<since, ISO-8601 UTC>" per membership, sorted by segment, with a
-- trailing comma: ",s00@2026-11-29T09:00:00Z,s03@2026-11-29T09:00:00Z,". Members of one segment are found with
-- LIKE '%,<segment>@%' (names are [a-z0-9-]); cdp_segment.members counts them. H2 variant.
create table cdp_membership (
    profile_id  varchar(36)          not null primary key,
    segments    varchar(1000000000)  not null
);
insert into cdp_membership (profile_id, segments)
select profile_id, ',' || listagg(segment || '@'
        || formatdatetime(since, 'yyyy-MM-dd''T''HH:mm:ss.SSSSSS''Z''', 'en', 'UTC'), ',')
        within group (order by segment) || ','
from cdp_segment_membership group by profile_id;

alter table cdp_segment add column members bigint default 0 not null;
insert into cdp_segment (segment, last_change)
select distinct m.segment, current_timestamp from cdp_segment_membership m
where not exists (select 1 from cdp_segment s where s.segment = m.segment);
update cdp_segment s set members = (select count(*) from cdp_segment_membership m where m.segment = s.segment);
drop table cdp_segment_membership;
