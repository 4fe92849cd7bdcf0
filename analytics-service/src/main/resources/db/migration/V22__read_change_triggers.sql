-- The tables whose changes the learner reads follow (read_change and its functions: service-foundation, V21).
do $$
declare
    t text;
begin
    foreach t in array array['user_profile', 'user_activity', 'user_day', 'streak_repair', 'quest'] loop
        execute format('create trigger %I after insert on %I referencing new table as changed for each statement execute function read_changed(%L)', t || '_read_inserted', t, 'user_id');
        execute format('create trigger %I after update on %I referencing new table as changed for each statement execute function read_changed(%L)', t || '_read_updated', t, 'user_id');
        execute format('create trigger %I after delete on %I referencing old table as changed for each statement execute function read_changed(%L)', t || '_read_deleted', t, 'user_id');
        execute format('create trigger %I after truncate on %I for each statement execute function read_truncated()', t || '_read_truncated', t);
    end loop;
end
$$;
