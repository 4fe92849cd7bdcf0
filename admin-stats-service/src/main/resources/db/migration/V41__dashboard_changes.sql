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

-- per table: the function its writes call (with its argument), and its truncate says everything changed
do $$
declare
    t record;
begin
    for t in select * from (values ('member_profile', 'member_day_changed()'), ('member_last_active', 'member_day_changed()'),
                                   ('organization', 'organization_changed(''id'')'), ('team', 'organization_changed(''organization_id'')'),
                                   ('membership', 'organization_changed(''organization_id'')')) as x(tab, fn) loop
        execute format('create trigger %1$s_inserted after insert on %1$I referencing new table as changed '
                       'for each statement execute function %2$s', t.tab, t.fn);
        execute format('create trigger %1$s_updated after update on %1$I referencing new table as changed '
                       'for each statement execute function %2$s', t.tab, t.fn);
        execute format('create trigger %1$s_deleted after delete on %1$I referencing old table as changed '
                       'for each statement execute function %2$s', t.tab, t.fn);
        execute format('create trigger %1$s_truncated after truncate on %1$I for each statement execute function member_day_truncated()',
                       t.tab);
    end loop;
end
$$;
