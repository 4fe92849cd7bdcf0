-- Rows updated batch after batch keep free room on their pages, so an update can stay on the row's
-- page and skip every index (a HOT update) when it changes no indexed column. Applies to pages
-- written from now on.
alter table user_xp set (fillfactor = 70);
alter table xp_daily set (fillfactor = 80);
alter table user_progress set (fillfactor = 70);
