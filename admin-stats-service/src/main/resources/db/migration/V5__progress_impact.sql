-- The highest level announced for a member on a local day (from xp.awarded.v1 level_after).
alter table member_day add column level_after integer;

-- Learning objectives (OKR-style); archiving keeps them and their history.
create table objective (
    id              uuid        primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    title           text        not null,
    description     text,
    start_date      date        not null,
    due_date        date        not null,
    status          text        not null default 'active' check (status in ('active', 'archived')),
    created_by      text        not null,
    created_at      timestamptz not null,
    archived_at     timestamptz
);
create index objective_org on objective (organization_id, status);

-- Key results: a metric, where it started and where it should get; progress is measured, never typed in.
create table key_result (
    id           uuid           primary key,
    objective_id uuid           not null references objective (id) on delete cascade,
    position     integer        not null,
    metric       text           not null,
    baseline     numeric(12, 2) not null,
    target       numeric(12, 2) not null
);
create index key_result_objective on key_result (objective_id, position);

-- Learning targets: one per organization, team (or none) and metric.
create table learning_target (
    id              uuid           primary key,
    organization_id uuid           not null references organization (id) on delete cascade,
    team_id         uuid           references team (id) on delete cascade,
    metric          text           not null,
    target_value    numeric(12, 2) not null,
    period          text           not null check (period in ('week', 'month', 'quarter')),
    created_at      timestamptz    not null,
    updated_at      timestamptz    not null
);
create unique index learning_target_one on learning_target
    (organization_id, coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid), metric);

-- The organization's LVI weights (absent: the defaults).
create table lvi_weights (
    organization_id    uuid          primary key references organization (id) on delete cascade,
    learning_time      numeric(6, 4) not null,
    active_days        numeric(6, 4) not null,
    xp                 numeric(6, 4) not null,
    average_score      numeric(6, 4) not null,
    objective_progress numeric(6, 4) not null,
    updated_at         timestamptz   not null
);
