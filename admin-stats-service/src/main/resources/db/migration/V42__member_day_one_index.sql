-- member_day had two indexes on the same key: the primary key and member_day_totals, which also carries the
-- columns the dashboard sums (V6). Every upsert changes one of those columns, so none is a HOT update and each
-- wrote an entry into both indexes (twice per activity: its sessions, then its XP). The key itself now carries
-- them: one index, the same index-only range scans per member, one index entry per row version instead of two.
create unique index member_day_key on member_day (user_id, day) include (learning_seconds, sessions, xp);
alter table member_day drop constraint member_day_pkey,
    add constraint member_day_pkey primary key using index member_day_key;
drop index member_day_totals;
