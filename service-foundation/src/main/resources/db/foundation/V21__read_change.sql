-- Which users' learner reads a transaction changed, for the rendered answers each replica keeps in
-- memory (foundation reads/ReadChanges): one row per writing statement on a table the reads depend
-- on, from statement-level triggers (each service's next migration names its tables), so no write
-- path can forget it and the writers' per-row cost stays as it is. In the foundation, for the
-- services that render reads (quarkus.flyway.locations adds db/foundation). xid: the writing
-- transaction (readers take everything from their last snapshot's xmin on); users null: everything
-- changed (a truncate). Rows older than an hour are deleted.
create table read_change (
    xid   bigint      not null default pg_current_xact_id()::text::bigint,
    at    timestamptz not null default clock_timestamp(),
    users text[]
);
create index read_change_xid on read_change (xid);

-- the argument names the table's user column
create function read_changed() returns trigger language plpgsql as $$
begin
    execute format('insert into read_change (users) select array_agg(distinct %I) from changed having count(*) > 0', tg_argv[0]);
    return null;
end
$$;
create function read_truncated() returns trigger language plpgsql as $$
begin
    insert into read_change (users) values (null);
    return null;
end
$$;
