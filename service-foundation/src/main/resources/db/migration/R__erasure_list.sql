-- The erasure list of every service: users erased on request, by the keyed hash of their id only
-- (ErasureList). Repeatable and idempotent, so it joins each service's own versioned migrations
-- without taking one of their version numbers.
create table if not exists erased_user (
    user_hash text        primary key,
    erased_at timestamptz not null
);
