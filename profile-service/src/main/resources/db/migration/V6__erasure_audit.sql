-- Who erased whom and when, without the erased person's personal data: the user is named by the
-- keyed hash of the erasure list only; the actor by their own id (a platform admin or an API key),
-- or not at all when people erased themselves.
create table erasure_audit (
    id          bigserial   primary key,
    user_hash   text        not null,
    actor_kind  text        not null check (actor_kind in ('self', 'admin', 'api_key')),
    actor_id    text,
    erased_at   timestamptz not null
);
create index erasure_audit_user on erasure_audit (user_hash);
