-- Raw activity facts, each fixed to the local day of its own time zone when recorded.
create table activity (
    event_id         uuid        primary key,
    user_id          text        not null,
    occurred_at      timestamptz not null,
    local_day        date        not null,
    time_zone        text        not null,
    activity_type    text        not null,
    source           text        not null,
    category         text        not null,
    duration_seconds bigint      not null,
    xp               integer,
    score            integer
);
create index activity_user_day on activity (user_id, local_day);

-- Per user and local day: what streaks, pulse, weekly activity and quests are computed from.
create table user_day (
    user_id          text   not null,
    day              date   not null,
    learning_seconds bigint not null default 0,
    sessions         integer not null default 0,
    primary key (user_id, day)
);

-- What this service knows of users from user.profile.v1.
create table user_profile (
    user_id    text        primary key,
    username   text,
    full_name  text,
    avatar_url text,
    time_zone  text        not null default 'UTC',
    updated_at timestamptz not null
);
