-- Fills admin-stats' tables for one organization of :members members over the :days days ending
-- today directly (no pipeline): raw events as infra/bench/Workload.java draws them (habits, ten
-- zones, lapsing learners, five kinds), into bench.raw_activity (the raw-event reference of
-- Bench.dashboard), and member_day / member_last_active as the consumers would have rolled them up.
-- Used by infra/bench/dashboard.sh; psql -v members=10000 -v days=365 -v events=1000000 -v org=<uuid>
\set ON_ERROR_STOP on
select setseed(0.42);
create schema if not exists bench;
drop table if exists bench.raw_activity;
create table bench.raw_activity (event_id uuid, user_id text, occurred_at timestamptz, time_zone text, activity_type text,
                                 source text, category text, duration_seconds bigint, xp integer, score integer);
truncate member_day, member_last_active, membership, team, organization cascade;

insert into organization (id, name, slug, description, created_at, updated_at)
values (:'org', 'Benchmark Academy', 'benchmark-academy', :'members' || ' generated learners', now(), now());
insert into membership (id, organization_id, user_id, role, team_id, joined_at)
values (gen_random_uuid(), :'org', 'bench-admin', 'owner', null, now());
insert into membership (id, organization_id, user_id, role, team_id, joined_at)
select gen_random_uuid(), :'org', format('bench-%s', lpad((u + 1)::text, 5, '0')), 'member', null, now()
  from generate_series(0, :members - 1) u;

-- events per user in proportion to their habit (0.85, 0.5, 0.2, 0.05 by user number modulo 4)
with users as (
       select u, format('bench-%s', lpad((u + 1)::text, 5, '0')) user_id,
              (array['Europe/Berlin','America/New_York','Asia/Tokyo','Europe/London','America/Sao_Paulo',
                     'Australia/Sydney','Asia/Kolkata','UTC','Pacific/Auckland','Africa/Lagos'])[u % 10 + 1] zone,
              (array[0.85, 0.5, 0.2, 0.05])[u % 4 + 1] habit
         from generate_series(0, :members - 1) u),
     ev as (
       select s.user_id, s.zone, s.habit, k.kind,
              case when s.habit < 0.1 and :days > 120 then 60 + floor(random() * (:days - 60))::int
                   else floor(random() * :days)::int end back
         from users s
        cross join lateral generate_series(1, round(:events * s.habit / (:members * 0.4))::int) n
        cross join lateral (select floor(random() * 5)::int kind) k)
insert into bench.raw_activity (event_id, user_id, occurred_at, time_zone, activity_type, source, category, duration_seconds, xp, score)
select gen_random_uuid(), user_id,
       least(now() - interval '1 second',
             ((((now() at time zone zone)::date - back) + time '07:00' + random() * interval '15 hours') at time zone zone)),
       zone, (array['lesson_completed','lesson_completed','quiz','conversation','live_session'])[kind + 1],
       (array['english','english','english','conversations','live'])[kind + 1],
       (array['vocabulary','grammar','grammar','speaking','listening'])[kind + 1],
       ((array[5,5,3,5,20])[kind + 1] + floor(random() * ((array[25,30,10,40,60])[kind + 1] - (array[5,5,3,5,20])[kind + 1] + 1))) * 60
         + floor(random() * 60),
       null,
       case when kind < 3 then 40 + floor(random() * 61)::int end
  from ev;
analyze bench.raw_activity;

-- what ActivityRollup and XpRollup make of them (XP: one per full minute, as the raw reference counts it)
insert into member_day (user_id, day, learning_seconds, sessions, score_sum, score_count, xp, level_after)
select user_id, (occurred_at at time zone time_zone)::date, sum(duration_seconds), count(*), coalesce(sum(score), 0), count(score),
       sum(duration_seconds / 60), null
  from bench.raw_activity group by 1, 2 order by 1, 2;
insert into member_last_active (user_id, last_active_at) select user_id, max(occurred_at) from bench.raw_activity group by 1;
vacuum (analyze) member_day, member_last_active, membership, organization;
select (select count(*) from bench.raw_activity) events, (select count(*) from member_day) member_days,
       (select count(*) from membership) members;
