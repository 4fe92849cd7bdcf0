-- A null payload is a tombstone: it deletes its key on a compacted topic.
alter table outbox_event alter column payload drop not null;
