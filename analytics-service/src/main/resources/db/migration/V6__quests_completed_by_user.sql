-- Achievements count each touched user's completed quests on every ingest batch: an index of just
-- the completed ones answers that from the index instead of visiting every quest row of the user.
create index quest_completed_by_user on quest (user_id) where completed_at is not null;
