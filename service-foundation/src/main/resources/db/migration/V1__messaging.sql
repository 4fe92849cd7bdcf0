-- Idempotency ledger of every consumer: an event id is applied once per topic, ever.
create table processed_event (
    topic        text        not null,
    event_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (topic, event_id)
);

-- Transactional outbox: written with the change, published by the relay, marked after the broker acks.
create table outbox_event (
    id           bigserial primary key,
    topic        text        not null,
    record_key   text        not null,
    payload      text        not null,
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_event_unpublished on outbox_event (id) where published_at is null;
create index outbox_event_published_at on outbox_event (published_at) where published_at is not null;
