-- Rollups updated batch after batch keep free room on their pages, so an update can stay on the row's
-- page and skip every index (a HOT update) when it changes no indexed column. Applies to pages
-- written from now on.
alter table user_day set (fillfactor = 80);
alter table user_day_source set (fillfactor = 80);
alter table user_day_xp set (fillfactor = 80);
alter table user_xp set (fillfactor = 70);
alter table user_activity set (fillfactor = 70);
alter table streak_state set (fillfactor = 70);
alter table quest set (fillfactor = 80);
