-- what the test handler applies: one row per note event
create table note (
    event_id uuid primary key,
    body     text not null
);
