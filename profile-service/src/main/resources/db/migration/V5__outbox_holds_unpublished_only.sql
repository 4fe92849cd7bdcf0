-- The relay deletes a row once the broker acknowledged it (the broker keeps the record), so the table
-- holds only rows still to publish, read from the head of the primary key. Rows kept as "published"
-- for a day made every relay scan wade through the index entries of rows it had just sent.
delete from outbox_event where published_at is not null;
drop index outbox_event_unpublished;
drop index outbox_event_published_at;
alter table outbox_event drop column published_at;
-- a queue: vacuum after a few thousand deleted rows, not after a fifth of the table
alter table outbox_event set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);
