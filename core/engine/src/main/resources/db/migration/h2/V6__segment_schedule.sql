-- CDP Hub profile store, version 6: segment definitions from files, and re-evaluation on schedule.
-- The same script is in db/migration/h2 and db/migration/postgresql.

-- When each profile must be evaluated again without new data: the earliest instant at which one of its segment
-- conditions can flip by time alone (an event leaving a window, a birthday window opening), or "now" for every
-- profile after the segment definitions changed. No row: nothing due.
create table cdp_segment_schedule (
    profile_id  varchar(64)              not null primary key,
    due_at      timestamp with time zone not null
);
create index cdp_segment_schedule_due on cdp_segment_schedule (due_at);

-- The definition each segment was last evaluated with (SHA-256 of its parsed form), so that a changed or new
-- definition makes every profile due, once, whichever node notices it first.
create table cdp_segment_definition (
    segment     varchar(100)             not null primary key,
    hash        varchar(64)              not null,
    updated_at  timestamp with time zone not null
);
