-- Users: created just in time from JWT claims, or upserted by platform admins and users:write keys.
create table app_user (
    id             text        primary key,
    username       text        not null,
    full_name      text,
    email          text,
    avatar_url     text,
    time_zone      text        not null default 'UTC',
    public_profile boolean     not null default true,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);
-- usernames are unique regardless of case ("Ana" and "ana" are one name)
create unique index app_user_username on app_user (lower(username));

-- The ledger now also holds late boost adjustments of an activity (kind = 'boost_adjustment') and
-- XP held back by the daily per-category cap. An activity is still credited once, ever.
alter table xp_ledger drop constraint xp_ledger_source_event_id_key;
alter table xp_ledger
    add column kind      text    not null default 'activity',
    add column time_zone text    not null default 'UTC',
    add column earned_xp integer,
    add column capped_xp integer not null default 0;
update xp_ledger set earned_xp = xp;
alter table xp_ledger alter column earned_xp set not null;
create unique index xp_ledger_activity_once on xp_ledger (source_event_id) where kind = 'activity';
create index xp_ledger_user_time on xp_ledger (user_id, occurred_at);

-- XP granted and capped per user, local day and category: the cap's running count, XP by category.
create table xp_daily (
    user_id    text    not null,
    local_day  date    not null,
    category   text    not null,
    granted_xp bigint  not null,
    capped_xp  bigint  not null,
    primary key (user_id, local_day, category)
);
insert into xp_daily (user_id, local_day, category, granted_xp, capped_xp)
select user_id, local_day, category, sum(xp), sum(capped_xp) from xp_ledger group by user_id, local_day, category;

-- Quest-reward boosts: the multiplier applies to activities that occurred in [starts_at, ends_at).
create table xp_boost (
    id              bigserial     primary key,
    source_event_id uuid          not null unique,
    user_id         text          not null,
    quest_id        text,
    multiplier      numeric(6, 3) not null,
    starts_at       timestamptz   not null,
    ends_at         timestamptz   not null
);
create index xp_boost_user_window on xp_boost (user_id, ends_at);

-- What analytics-service announces about a user's streak and quests, for the profiles.
create table user_progress (
    user_id                       text primary key,
    current_streak                integer     not null default 0,
    longest_streak                integer     not null default 0,
    day_only_streak               integer     not null default 0,
    current_streak_valid_through  date,
    day_only_streak_valid_through date,
    streak_as_of                  timestamptz,
    quest_date                    date,
    quests                        jsonb,
    quests_as_of                  timestamptz
);

-- API keys: only the SHA-256 of the secret is kept; the secret is shown once, at creation.
create table api_key (
    id            text        primary key,
    owner_user_id text        not null,
    name          text        not null,
    scopes        text        not null default '',
    secret_sha256 text        not null,
    created_at    timestamptz not null,
    revoked_at    timestamptz
);
create index api_key_owner on api_key (owner_user_id) where revoked_at is null;
