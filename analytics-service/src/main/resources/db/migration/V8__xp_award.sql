-- Each XP award as profile-service announced it on xp.awarded.v1, for the user-details view:
-- the source of an award's activity (joined with activity when read, so awards and activities may
-- arrive in either order) for the XP breakdown, and how much XP a quest's boost added. Each award is
-- written once: its event id is claimed in processed_event first, as for every consumed record.
create table xp_award (
    user_id         text             not null,
    source_event_id uuid,
    occurred_at     timestamptz      not null,
    category        text             not null,
    kind            text             not null,
    base_xp         integer          not null,
    multiplier      double precision not null,
    xp              integer          not null
);
create index xp_award_user on xp_award (user_id, occurred_at);
