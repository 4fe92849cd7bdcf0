-- Which users' days each transaction changed, for the engagement dashboard's in-memory copy of
-- member_day (service/MemberDays): it reloads only those users. One row per writing statement, from
-- statement-level triggers, so the consumers' code and their per-row cost stay as they are.
-- xid: the writing transaction (readers take everything from their snapshot's xmin on); users null:
-- everything changed (a truncate). Rows older than an hour are deleted (MemberDays.prune).
create table member_day_change (
    xid   bigint      not null default pg_current_xact_id()::text::bigint,
    at    timestamptz not null default clock_timestamp(),
    users text[]
);
create index member_day_change_xid on member_day_change (xid);

create function member_day_changed() returns trigger language plpgsql as $$
begin
    insert into member_day_change (users) select array_agg(distinct user_id) from changed having count(*) > 0;
    return null;
end
$$;
create function member_day_truncated() returns trigger language plpgsql as $$
begin
    insert into member_day_change (users) values (null);
    return null;
end
$$;
create trigger member_day_inserted after insert on member_day referencing new table as changed
    for each statement execute function member_day_changed();
create trigger member_day_updated after update on member_day referencing new table as changed
    for each statement execute function member_day_changed();
create trigger member_day_deleted after delete on member_day referencing old table as changed
    for each statement execute function member_day_changed();
create trigger member_day_truncated after truncate on member_day
    for each statement execute function member_day_truncated();
