-- Each learner's active days (as epoch days, sorted) and all-time learning seconds in one row,
-- maintained with user_day. Progress is re-evaluated for every touched learner of every ingest
-- batch, and reading their whole user_day history meant a heap page per day of it (rows arrive day
-- by day): about 0.5 ms per learner once they have a few weeks of history.
create table user_activity (
    user_id          text      primary key,
    active_days      integer[] not null,
    learning_seconds bigint    not null
);
insert into user_activity (user_id, active_days, learning_seconds)
select user_id, coalesce(array_agg(day - date '1970-01-01' order by day) filter (where sessions > 0), '{}'), sum(learning_seconds)
  from user_day
 group by user_id;
