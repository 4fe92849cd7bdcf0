-- The dashboard sums each member's days in PostgreSQL: with the columns it sums in the index, that is
-- one index-only range scan per member instead of a heap page per day (rows arrive day by day, so a
-- member's days lie on as many pages as they have days).
create index member_day_totals on member_day (user_id, day) include (learning_seconds, sessions, xp);
