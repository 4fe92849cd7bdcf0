-- Leases of the jobs meant to run on one replica at a time (foundation's jobs/Leases). A repeatable
-- migration, so that every service gets it whatever its own versioned migrations are numbered.
-- One row per job, updated in place: the holder renews it, the runs stamp it.
create table if not exists job_lease (
    job         text        primary key,
    holder      text        not null,
    expires_at  timestamptz not null,
    last_run_at timestamptz,
    runs        bigint      not null default 0
);
