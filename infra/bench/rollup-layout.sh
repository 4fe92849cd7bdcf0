#!/usr/bin/env bash
# What the layout of a per-member, per-day rollup costs on this machine's PostgreSQL, as it is (shared
# buffers, checkpoints, synchronous commit): admin-stats-service's write load at the benchmark's default
# size, replayed with pgbench against two layouts of member_day. Each transaction is one consumed batch
# of 1,000 activities: 2,000 random event ids claimed in processed_event (its two topics), then the
# batch's members' day upserted twice (sessions, then XP), days advancing in time order as in
# infra/bench.sh (three batches a day, so 1,100 batches cover a year), members drawn from 10,000.
#   unpartitioned  today's member_day: primary key (user_id, day) and the covering index of V6
#   by_month       the same table and indexes, partitioned by month (range on day)
# Both layouts run in both orders (the first run of a fresh database pays for the file system's cold
# start), each from an empty table and an empty processed_event, after a checkpoint. Prints the
# seconds each run took and the indexes' sizes; docs/benchmarks.md ("The layout of the rollups").
#   infra/bench/rollup-layout.sh [--batches 1100] [--members 10000] [--clients 2] [--no-ledger]
# --no-ledger leaves processed_event out, to see the rollup alone.
# Needs pgbench and psql (Debian: postgresql-client) and a PostgreSQL server; uses and then drops the
# database xentree_layout_bench.
set -euo pipefail
INFRA=$(cd "$(dirname "$0")/.." && pwd)
source "$INFRA/lib.sh"
batches=1100 members=10000 clients=2 ledger=true
while [ $# -gt 0 ]; do
  case "$1" in
    --batches) batches=$2; shift 2 ;;
    --members) members=$2; shift 2 ;;
    --clients) clients=$2; shift 2 ;;
    --no-ledger) ledger=false; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v pgbench >/dev/null || PATH="$PATH:$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | tail -1)"
command -v pgbench >/dev/null && command -v psql >/dev/null || { log "pgbench and psql are needed (postgresql-client)"; exit 1; }
"$INFRA/up.sh" >/dev/null
source "$ENV_FILE"
DB=xentree_layout_bench
pg() { psql -q -X -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"; pg -d postgres -c "drop database if exists $DB" >/dev/null 2>&1 || true' EXIT

pg -d postgres -c "drop database if exists $DB" -c "create database $DB"
pg -d "$DB" <<'SQL'
create sequence batch;
create table processed_event (topic text not null, event_id uuid not null, primary key (topic, event_id));
create table member_day_unpartitioned (user_id text not null, day date not null, learning_seconds bigint not null default 0,
    sessions integer not null default 0, xp bigint not null default 0, level_after integer, primary key (user_id, day));
create index member_day_unpartitioned_totals on member_day_unpartitioned (user_id, day) include (learning_seconds, sessions, xp);
create table member_day_by_month (user_id text not null, day date not null, learning_seconds bigint not null default 0,
    sessions integer not null default 0, xp bigint not null default 0, level_after integer, primary key (user_id, day))
    partition by range (day);
create index member_day_by_month_totals on member_day_by_month (user_id, day) include (learning_seconds, sessions, xp);
create table member_day_by_month_before partition of member_day_by_month for values from (minvalue) to ('2020-01-01');
do $$
declare
    m date;
begin
    for m in select generate_series(date '2020-01-01', date '2031-12-01', interval '1 month')::date loop
        execute format('create table %I partition of member_day_by_month for values from (%L) to (%L)',
                       'member_day_by_month_' || to_char(m, 'YYYY_MM'), m, (m + interval '1 month')::date);
    end loop;
end
$$;
SQL

claim=""; $ledger || claim="-- " # --no-ledger comments the claims out
for layout in unpartitioned by_month; do
  cat >"$work/$layout.sql" <<SQL
begin;
select nextval('batch') - 1 as k \gset
${claim}insert into processed_event select t, gen_random_uuid() from unnest(array['learning.activity.v1', 'xp.awarded.v1']) t,
${claim}    generate_series(1, 1000) on conflict do nothing;
create temp table members on commit drop as
    select distinct 'bench-' || lpad((1 + floor(random() * $members))::int::text, 5, '0') as user_id
      from generate_series(1, 1000) order by 1;
insert into member_day_$layout (user_id, day, learning_seconds, sessions)
    select user_id, date '2025-01-01' + (:k / 3)::int, 600, 1 from members
    on conflict (user_id, day) do update set learning_seconds = member_day_$layout.learning_seconds + excluded.learning_seconds,
                                             sessions = member_day_$layout.sessions + excluded.sessions;
insert into member_day_$layout (user_id, day, xp, level_after)
    select user_id, date '2025-01-01' + (:k / 3)::int, 30, 2 from members
    on conflict (user_id, day) do update set xp = member_day_$layout.xp + excluded.xp, level_after = excluded.level_after;
commit;
SQL
done

run() { # layout
  pg -d "$DB" -c "truncate processed_event, member_day_unpartitioned, member_day_by_month" -c "select setval('batch', 1, false)" \
    -c checkpoint >/dev/null
  local start end
  start=$(date +%s.%N)
  pgbench -n -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -c "$clients" -t $((batches / clients)) -f "$work/$1.sql" "$DB" >"$work/$1.out" 2>&1 \
    || { cat "$work/$1.out" >&2; exit 1; }
  end=$(date +%s.%N)
  printf '%-14s %6.1f s   member_day indexes: %s\n' "$1" "$(echo "$end - $start" | bc)" "$(pg -d "$DB" -tAc "
    select format('%s in all, the largest %s', pg_size_pretty(sum(pg_relation_size(i.indexrelid))),
                  pg_size_pretty(max(pg_relation_size(i.indexrelid))))
      from pg_index i join pg_class t on t.oid = i.indrelid where t.relname like 'member_day_$1%'")"
}
log "admin-stats' write load at default size: $batches batches of 1,000 activities, $members members, $clients clients"
for layout in unpartitioned by_month by_month unpartitioned; do
  run "$layout"
done
