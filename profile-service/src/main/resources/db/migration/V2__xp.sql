-- Append-only XP ledger: one row per credited activity, ever.
create table xp_ledger (
    id              bigserial   primary key,
    source_event_id uuid        not null unique,
    user_id         text        not null,
    occurred_at     timestamptz not null,
    local_day       date        not null,
    category        text        not null,
    base_xp         integer     not null,
    multiplier      numeric(6, 3) not null,
    xp              integer     not null,
    total_xp_after  bigint      not null,
    level_after     integer     not null
);
create index xp_ledger_user on xp_ledger (user_id, id);

-- Running totals derived from the ledger (rebuildable from it).
create table user_xp (
    user_id    text        primary key,
    total_xp   bigint      not null,
    level      integer     not null,
    updated_at timestamptz not null
);
