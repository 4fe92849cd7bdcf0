-- The engagement dashboard also keeps its rendered answers in memory (service/DashboardAnswers). An
-- answer shows, besides its members' days, their names and last activity and its organization, teams
-- and memberships, so writes to those tables are logged in the same change log by statement triggers:
-- which users (member_profile, member_last_active: the existing member_day_changed()) or which
-- organizations (organization, team, membership) a statement changed. A row with neither users nor
-- organizations still means everything changed (a truncate, an erasure).
alter table member_day_change add column organizations uuid[];

-- the argument names the table's organization column
create function organization_changed() returns trigger language plpgsql as $$
begin
    execute format('insert into member_day_change (organizations) select array_agg(distinct %I) from changed having count(*) > 0',
                   tg_argv[0]);
    return null;
end
$$;

create trigger member_profile_inserted after insert on member_profile referencing new table as changed
    for each statement execute function member_day_changed();
create trigger member_profile_updated after update on member_profile referencing new table as changed
    for each statement execute function member_day_changed();
create trigger member_profile_deleted after delete on member_profile referencing old table as changed
    for each statement execute function member_day_changed();
create trigger member_profile_truncated after truncate on member_profile
    for each statement execute function member_day_truncated();

create trigger member_last_active_inserted after insert on member_last_active referencing new table as changed
    for each statement execute function member_day_changed();
create trigger member_last_active_updated after update on member_last_active referencing new table as changed
    for each statement execute function member_day_changed();
create trigger member_last_active_deleted after delete on member_last_active referencing old table as changed
    for each statement execute function member_day_changed();
create trigger member_last_active_truncated after truncate on member_last_active
    for each statement execute function member_day_truncated();

create trigger organization_inserted after insert on organization referencing new table as changed
    for each statement execute function organization_changed('id');
create trigger organization_updated after update on organization referencing new table as changed
    for each statement execute function organization_changed('id');
create trigger organization_deleted after delete on organization referencing old table as changed
    for each statement execute function organization_changed('id');
create trigger organization_truncated after truncate on organization
    for each statement execute function member_day_truncated();

create trigger team_inserted after insert on team referencing new table as changed
    for each statement execute function organization_changed('organization_id');
create trigger team_updated after update on team referencing new table as changed
    for each statement execute function organization_changed('organization_id');
create trigger team_deleted after delete on team referencing old table as changed
    for each statement execute function organization_changed('organization_id');
create trigger team_truncated after truncate on team
    for each statement execute function member_day_truncated();

create trigger membership_inserted after insert on membership referencing new table as changed
    for each statement execute function organization_changed('organization_id');
create trigger membership_updated after update on membership referencing new table as changed
    for each statement execute function organization_changed('organization_id');
create trigger membership_deleted after delete on membership referencing old table as changed
    for each statement execute function organization_changed('organization_id');
create trigger membership_truncated after truncate on membership
    for each statement execute function member_day_truncated();
