create table organization (
    id          uuid        primary key,
    name        text        not null,
    slug        text        not null,
    description text,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
create unique index organization_slug on organization (lower(slug));

create table team (
    id              uuid        primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    name            text        not null,
    created_at      timestamptz not null
);
create unique index team_name on team (organization_id, lower(name));

-- One role per user and organization; joined_at dates the join (retention cohorts).
create table membership (
    id              uuid        primary key,
    organization_id uuid        not null references organization (id) on delete cascade,
    user_id         text        not null,
    role            text        not null check (role in ('owner', 'admin', 'member')),
    team_id         uuid        references team (id) on delete set null,
    joined_at       timestamptz not null,
    unique (organization_id, user_id)
);
create index membership_user on membership (user_id);
create index membership_team on membership (team_id);

-- Granted XP per member and local day (from xp.awarded.v1), next to time, sessions and scores.
alter table member_day add column xp bigint not null default 0;

-- Names and zones of users from user.profile.v1, and when each was last active.
create table member_profile (
    user_id    text        primary key,
    username   text,
    full_name  text,
    email      text,
    avatar_url text,
    time_zone  text        not null default 'UTC',
    updated_at timestamptz not null
);
create table member_last_active (
    user_id        text        primary key,
    last_active_at timestamptz not null
);
