-- Granted XP per local day (from xp.awarded.v1), next to learning time and sessions.
alter table user_day add column xp bigint not null default 0;

-- Learning time per local day and source (learning-time analytics by source).
create table user_day_source (
    user_id          text    not null,
    day              date    not null,
    source           text    not null,
    learning_seconds bigint  not null,
    sessions         integer not null,
    primary key (user_id, day, source)
);

-- Granted XP per local day and category (XP breakdown, leaderboards).
create table user_day_xp (
    user_id  text   not null,
    day      date   not null,
    category text   not null,
    xp       bigint not null,
    primary key (user_id, day, category)
);

-- Each user's total XP and level as profile-service last announced them.
create table user_xp (
    user_id  text    primary key,
    total_xp bigint  not null,
    level    integer not null
);

alter table user_profile
    add column email          text,
    add column created_at     timestamptz,
    add column public_profile boolean not null default true;

-- A missed day restored by a streak repair (at most one per user and calendar month).
create table streak_repair (
    user_id     text        not null,
    day         date        not null,
    month       text        not null,
    repaired_at timestamptz not null,
    primary key (user_id, day)
);
create unique index streak_repair_once_a_month on streak_repair (user_id, month);

-- The streak figures last announced on analytics.progress.v1, to announce changes only.
create table streak_state (
    user_id                       text primary key,
    current_streak                integer not null,
    longest_streak                integer not null,
    day_only_streak               integer not null,
    current_streak_valid_through  date,
    day_only_streak_valid_through date
);

-- Daily quests with their progress; completed_at is set once, when the quest reaches its target.
create table quest (
    quest_id          uuid          primary key,
    user_id           text          not null,
    quest_date        date          not null,
    category          text          not null,
    title             text          not null,
    target_value      integer       not null,
    current_progress  integer       not null,
    reward_multiplier numeric(6, 3) not null,
    reward_duration   integer       not null,
    completed_at      timestamptz
);
create index quest_user_date on quest (user_id, quest_date);

create table achievement_unlock (
    user_id        text        not null,
    achievement_id text        not null,
    unlocked_at    timestamptz not null,
    primary key (user_id, achievement_id)
);

-- Memberships from org.membership.v1 (organization leaderboards, admin access to user details).
create table org_member (
    organization_id text        not null,
    user_id         text        not null,
    role            text        not null,
    team_id         text,
    joined_at       timestamptz,
    primary key (organization_id, user_id)
);
create index org_member_user on org_member (user_id);

-- Precomputed rankings: board = 'weekly' | 'all_time', scope = 'global' or an organization id.
create table leaderboard_entry (
    board   text    not null,
    scope   text    not null,
    user_id text    not null,
    xp      bigint  not null,
    rank    integer not null,
    primary key (board, scope, user_id)
);
create index leaderboard_rank on leaderboard_entry (board, scope, rank);
