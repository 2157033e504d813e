-- CDP Hub profile store, version 12: all segment state of a profile in one row. Memberships (cdp_membership), the
-- hashes of what the definitions last read (cdp_segment_input) and the re-evaluation due time (cdp_segment_schedule)
-- were three tables with three sets of index entries: a first evaluation of a million profiles wrote two million rows,
-- and a profile change read three tables and wrote up to three. Now one row per profile that has any of them:
--   segments  ",<segment>@<since, ISO-8601 UTC>" per membership, sorted, trailing comma (see version 10); null: none;
--   inputs    the field hashes of version 11; null: none stored, every definition is evaluated;
--   due_at    when the profile must be evaluated again without new data; null: not due.
-- H2 variant.
create table cdp_segment_state (
    profile_id  varchar(64)              not null primary key,
    segments    varchar(1000000000),
    inputs      varchar(1000000),
    due_at      timestamp with time zone
);
insert into cdp_segment_state (profile_id, segments, inputs, due_at)
select ids.profile_id, m.segments, i.hashes, s.due_at
from (select profile_id from cdp_membership
      union select profile_id from cdp_segment_input
      union select profile_id from cdp_segment_schedule) ids
left join cdp_membership m on m.profile_id = ids.profile_id
left join cdp_segment_input i on i.profile_id = ids.profile_id
left join cdp_segment_schedule s on s.profile_id = ids.profile_id;
create index cdp_segment_state_due on cdp_segment_state (due_at);
drop table cdp_membership;
drop table cdp_segment_input;
drop table cdp_segment_schedule;
