-- The tables whose changes the learner reads follow (read_change and its functions: service-foundation, V21).
do $$
declare
    t text;
begin
    -- user_xp is rewritten with every XP granted, so the ledger's and xp_daily's figures cannot move without it
    foreach t in array array['app_user', 'user_xp', 'user_progress', 'xp_boost'] loop
        execute format('create trigger %I after insert on %I referencing new table as changed for each statement execute function read_changed(%L)', t || '_read_inserted', t, case t when 'app_user' then 'id' else 'user_id' end);
        execute format('create trigger %I after update on %I referencing new table as changed for each statement execute function read_changed(%L)', t || '_read_updated', t, case t when 'app_user' then 'id' else 'user_id' end);
        execute format('create trigger %I after delete on %I referencing old table as changed for each statement execute function read_changed(%L)', t || '_read_deleted', t, case t when 'app_user' then 'id' else 'user_id' end);
        execute format('create trigger %I after truncate on %I for each statement execute function read_truncated()', t || '_read_truncated', t);
    end loop;
end
$$;
