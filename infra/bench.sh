#!/usr/bin/env bash
# The benchmark of issue 8: starts its own Kafka broker, databases and the three packaged services,
# loads data through the public APIs, measures each figure next to its reference in the same run and
# prints a Markdown table. Raw output goes to infra/bench/results/<timestamp>/.
#   infra/bench.sh [--events 1000000] [--members 10000] [--days 365] [--naive-events 1000]
#                  [--concurrency 4] [--read-seconds 10] [--seed 42] [--starts 3] [--no-build] [--quick] [--startup-only]
#   --starts: how many times phase 4 starts each service each way; the median is reported (one start varies by a
#   second or more on a shared 2-core machine)
#   --startup-only: phase 4 alone (migration step, the starts of each service each way, the three together), then the table
#   --quick: 20,000 events, 1,000 members, 90 days, 500 naive events, 4 s reads, 1 start (about 3 minutes)
#   --profile: a Java Flight Recording of each service per phase (setup, ingest, dashboard, reads) next to
#              the results, with its hottest methods (jfr view hot-methods) in <phase>-<service>.hot.txt
# Everything it starts is its own (work dir infra/.work/bench, Kafka on 29092/29093, services on
# 28081-28083, databases xentree_*_bench on the PostgreSQL that infra/up.sh finds) and is stopped
# at the end, so it can run beside infra/run.sh or infra/test.sh (though the numbers then suffer).
set -euo pipefail
INFRA=$(cd "$(dirname "$0")" && pwd)
export XT_WORK_DIR="$INFRA/.work/bench"
export KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093
export XT_DATABASES="xentree_profile_bench xentree_analytics_bench xentree_admin_stats_bench"
source "$INFRA/lib.sh"

# the naive reference applies a few dozen events per second: a small N gives its rate well within the time budget
events=1000000 members=10000 days=365 naive_events=1000 concurrency=4 read_seconds=10 seed=42 build=true profile=false starts=3 startup_only=false
dashboard_runs30=10 dashboard_runs365=10 raw_runs=3
declare -A aot_seconds
while [ $# -gt 0 ]; do
  case "$1" in
    --events) events=$2; shift 2 ;;
    --members) members=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --naive-events) naive_events=$2; shift 2 ;;
    --concurrency) concurrency=$2; shift 2 ;;
    --read-seconds) read_seconds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --starts) starts=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    --profile) profile=true; shift ;;
    --startup-only) startup_only=true; shift ;;
    --quick) events=20000 members=1000 days=90 naive_events=500 read_seconds=4 dashboard_runs30=10 dashboard_runs365=5 raw_runs=3 starts=1
             shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

declare -A PORT=([profile-service]=28081 [analytics-service]=28082 [admin-stats-service]=28083)
GATEWAY_PORT=28080
declare -A DB=([profile-service]=xentree_profile_bench [analytics-service]=xentree_analytics_bench
               [admin-stats-service]=xentree_admin_stats_bench)
SERVICES="profile-service analytics-service admin-stats-service"
RESULTS="$INFRA/bench/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
exec > >(tee "$RESULTS/bench.log") 2>&1
started_at=$SECONDS
phase() { log "$(printf '%4d s' $((SECONDS - started_at))) -- $*"; }
metric() { echo "$1=$2" >> "$RESULTS/metrics.properties"; printf '  %-40s %s\n' "$1" "$2"; }

# ---- stop everything this run started, however it ends
cleanup() {
  set +e
  [ -n "${SAMPLER_PID:-}" ] && kill "$SAMPLER_PID" 2>/dev/null
  "$INFRA/gateway.sh" stop --dir "$WORK_DIR/gateway" 2>/dev/null
  for svc in $SERVICES; do stop_pid "$PID_DIR/$svc.pid" "$svc"; done
  stop_pid "$PID_DIR/kafka.pid" "benchmark Kafka broker"
  if ${STARTED_PG:-false}; then
    as_pg=(); [ "$(id -u)" = 0 ] && as_pg=(runuser -u nobody --)
    "${as_pg[@]}" "$WORK_DIR/pgsql/bin/pg_ctl" -D "$WORK_DIR/pgdata" -m fast -w stop >/dev/null
  fi
}
trap cleanup EXIT

# ---- tools: JDK, wrk and nginx (Debian packages), the services' jars, the benchmark's Java programs
find_java
if ! command -v wrk >/dev/null; then
  phase "installing wrk (Debian package)"
  { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; } >/dev/null
fi
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  phase "installing nginx (Debian package) for the gateway's read"
  { apt-get install -y nginx-light || { apt-get update && apt-get install -y nginx-light; }; } >/dev/null
fi
cd "$ROOT_DIR"
if $build; then
  phase "packaging the services (tests skipped)"
  ./mvnw -B -q package -DskipTests -pl profile-service,analytics-service,admin-stats-service -am
fi
# the services run from a copy, so that a build in this checkout during the run cannot pull jars from under them
rm -rf "$WORK_DIR/apps"; mkdir -p "$WORK_DIR/apps"
for svc in profile-service analytics-service admin-stats-service; do
  [ -f "$svc/target/quarkus-app/quarkus-run.jar" ] || { log "$svc is not packaged: run without --no-build"; exit 1; }
  cp -r "$svc/target/quarkus-app" "$WORK_DIR/apps/$svc"
done
# the JDK AOT cache of each service: the package writes it (quarkus.package.jar.aot.*); a package without one is
# trained here, as the Dockerfile does (static init, no database needed)
for svc in profile-service analytics-service admin-stats-service; do
  aot_seconds[$svc]="the package's"
  if [ ! -f "$WORK_DIR/apps/$svc/app.aot" ]; then
    phase "training the AOT cache of $svc"
    aot_t0=$SECONDS
    build_aot_cache "$WORK_DIR/apps/$svc"
    aot_seconds[$svc]="$((SECONDS - aot_t0)) s"
  fi
done

# ---- infrastructure: a fresh broker of our own (no topics or offsets of an earlier run), our databases
if pid_alive "$PID_DIR/kafka.pid"; then stop_pid "$PID_DIR/kafka.pid" "benchmark Kafka broker of an earlier run"; fi
if port_open 127.0.0.1 "$KAFKA_PORT"; then log "port $KAFKA_PORT is taken by a process this benchmark did not start"; exit 1; fi
rm -rf "$WORK_DIR/kafka"
pg_was_running=false; [ -f "$WORK_DIR/pgdata/postmaster.pid" ] && pg_was_running=true
phase "starting the benchmark's infrastructure (infra/up.sh with XT_WORK_DIR=$WORK_DIR)"
"$INFRA/up.sh"
# up.sh starts an embedded PostgreSQL in the work dir only where none answers on 5432; stop it at the end then
STARTED_PG=false; if ! $pg_was_running && [ -f "$WORK_DIR/pgdata/postmaster.pid" ]; then STARTED_PG=true; fi
source "$ENV_FILE"
mkdir -p "$WORK_DIR/classes"
javac -nowarn -cp "$LIB_DIR/*" -d "$WORK_DIR/classes" "$INFRA/tools/MintToken.java" "$INFRA/bench/Workload.java" "$INFRA/bench/Bench.java"
NOW=$(date +%s)
bench() { # phase options...: the Java side of the benchmark
  local p=$1; shift
  java -Xmx3g -cp "$WORK_DIR/classes:$LIB_DIR/*" Bench "$p" --results "$RESULTS" --state "$WORK_DIR/state.properties" \
    --events "$events" --members "$members" --days "$days" --seed "$seed" --now "$NOW" --keys "$WORK_DIR/keys" \
    --db-host "$DB_HOST" --db-port "$DB_PORT" --db-user "$DB_USER" --db-profile "${DB[profile-service]}" \
    --db-analytics "${DB[analytics-service]}" --db-admin-stats "${DB[admin-stats-service]}" --kafka "$KAFKA_BOOTSTRAP_SERVERS" \
    --profile "http://127.0.0.1:${PORT[profile-service]}" --analytics "http://127.0.0.1:${PORT[analytics-service]}" \
    --admin-stats "http://127.0.0.1:${PORT[admin-stats-service]}" "$@"
}
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
metric machine "$(nproc) cores ($cpu), $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM, $(psql -V 2>/dev/null | awk '{print "PostgreSQL client " $3}'), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
metric run "$(date -u +%FT%TZ), events=$events members=$members days=$days naive_events=$naive_events concurrency=$concurrency read_seconds=$read_seconds seed=$seed, commit $(git -C "$ROOT_DIR" rev-parse --short HEAD)$(git -C "$ROOT_DIR" diff --quiet HEAD -- . ':!infra/bench/results' || echo '+changes')"

# ---- services, started one at a time so that each start-up is timed alone, with the small-container JVM
# settings of infra/lib.sh (SERVICE_JVM_OPTS); XT_AOT=off leaves the AOT cache out
start_service() { # service [ENV=value ...]
  local svc=$1; shift
  local cmd; mapfile -t cmd < <(service_java "$WORK_DIR/apps/$svc")
  env QUARKUS_HTTP_PORT="${PORT[$svc]}" DB_NAME="${DB[$svc]}" ACCESS_LOG_ENABLED=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false "$@" \
    setsid nohup "${cmd[@]}" >>"$LOG_DIR/$svc.log" 2>&1 </dev/null &
  echo $! > "$PID_DIR/$svc.pid"
}
# Readiness is asked for every 20 ms by bash itself (/dev/tcp, and read -t on a FIFO as the pause): a curl and a
# sleep per question took CPU from the starting JVM on two cores and made a start look up to seconds longer
# (docs/benchmarks.md).
mkfifo "$WORK_DIR/nap.fifo" 2>/dev/null || true; exec {NAP_FD}<>"$WORK_DIR/nap.fifo"
nap() { read -r -t "$1" -u "$NAP_FD" _ || true; }
ready_now() { # port: whether /q/health/ready answers 200 now
  local fd status=""
  { exec {fd}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&"$fd"
  read -r -t 10 -u "$fd" _ status _ || true
  exec {fd}>&-
  [ "$status" = 200 ]
}
wait_ready() { # service t0 -> seconds from process start to the first 200 of /q/health/ready
  local svc=$1 t0=$2 pid i
  pid=$(cat "$PID_DIR/$svc.pid")
  for ((i = 0; i < 6000; i++)); do
    if ready_now "${PORT[$svc]}"; then seconds_since "$t0"; return 0; fi
    kill -0 "$pid" 2>/dev/null || break
    nap 0.02
  done
  log "$svc did not become ready; see $LOG_DIR/$svc.log"; tail -30 "$LOG_DIR/$svc.log" >&2; return 1
}
# --profile: one flight recording per service and phase, with the hottest methods printed beside it
jfr_start() { $profile || return 0; for svc in $SERVICES; do "$JAVA_HOME/bin/jcmd" "$(cat "$PID_DIR/$svc.pid")" JFR.start name="$1" settings=profile "jdk.SocketRead#threshold=1ms" >/dev/null; done; }
jfr_stop() {
  $profile || return 0
  mkdir -p "$RESULTS/jfr"
  for svc in $SERVICES; do
    local f="$RESULTS/jfr/$1-$svc.jfr"
    "$JAVA_HOME/bin/jcmd" "$(cat "$PID_DIR/$svc.pid")" JFR.stop name="$1" filename="$f" >/dev/null
    "$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$f" > "${f%.jfr}.hot.txt" 2>&1 || true
  done
}
# average records and milliseconds per consumer transaction, and transaction milliseconds per record, by service and topic
# (the services' own Micrometer figures)
consumer_batches() {
  for svc in $SERVICES; do
    curl -fs "http://127.0.0.1:${PORT[$svc]}/q/metrics" > "$RESULTS/prometheus-$1-$svc.txt" || continue
    awk -v svc="$svc" -v ph="$1" -F'[{}" ]+' '
      /^xentree_consumer_batch_records_(count|sum)\{/ { split($1, n, "_"); v[$3, n[5]] = $NF; t[$3] = 1 }
      /^xentree_consumer_batch_seconds_(count|sum)\{/ { split($1, n, "_"); w[$3, n[5]] = $NF }
      END { for (k in t) if (v[k, "count"] > 0)
              printf "%s.batches.%s.%s=%d batches, %.0f records and %.1f ms each\n%s.cost_ms_per_record.%s.%s=%.3f\n", ph, svc, k,
                     v[k, "count"], v[k, "sum"] / v[k, "count"], 1000 * w[k, "sum"] / w[k, "count"],
                     ph, svc, k, 1000 * w[k, "sum"] / v[k, "sum"] }' "$RESULTS/prometheus-$1-$svc.txt" |
      while IFS='=' read -r k v; do metric "$k" "$v"; done
  done
}
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$(cat "$PID_DIR/$1.pid")/status"; }
# Where a phase's CPU went: clock ticks of each service, the broker, every PostgreSQL process (its pooled backends
# live as long as the services) and the whole machine, taken before and after the phase
proc_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
cpu_snapshot() { # file
  { for svc in $SERVICES; do echo "$svc $(proc_ticks "$(cat "$PID_DIR/$svc.pid")")"; done
    echo "kafka $(proc_ticks "$(cat "$PID_DIR/kafka.pid")")"
    for p in $(pgrep -x postgres); do echo "postgresql:$p $(proc_ticks "$p")"; done
    awk '/^cpu / {print "machine_busy", $2 + $3 + $4 + $7 + $8 + $9; print "machine_all", $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat
  } > "$1"
}
# ms of CPU per event by process (the load generator as its own process reported it; other: what the machine spent
# beyond those), and how busy the machine's cores were
cpu_report() { # phase before after events bench-phase (whose load_generator_cpu_ms to take)
  local generator
  generator=$(awk -F= -v k="$5.load_generator_cpu_ms" '$1 == k {print $2}' "$RESULTS/metrics.properties" | tail -1)
  awk -v n="$4" -v ph="$1" -v hz="$(getconf CLK_TCK)" -v generator="${generator:-0}" '
    FNR == NR { before[$1] = $2; next }
    { k = $1; sub(/:.*/, "", k); used[k] += $2 - before[$1] }
    END {
      for (k in used) if (k !~ /^machine_/) { known += used[k]; printf "%s.cpu_ms_per_event.%s=%.3f\n", ph, k, 1000 * used[k] / hz / n }
      if (generator > 0) printf "%s.cpu_ms_per_event.load-generator=%.3f\n", ph, generator / n
      printf "%s.cpu_ms_per_event.other=%.3f\n", ph, 1000 * (used["machine_busy"] - known) / hz / n - generator / n
      printf "%s.cpu_busy_percent=%.0f\n", ph, 100 * used["machine_busy"] / used["machine_all"] }' "$2" "$3" |
    while IFS='=' read -r k v; do metric "$k" "$v"; done
}
# What PostgreSQL did per event in a phase, by database and by statement, when the server loads pg_stat_statements
# (shared_preload_libraries; docs/benchmarks.md says how): execution time, rows, blocks read from outside the shared
# buffers, WAL and its full-page images. Without it, the phase's figures say it was not measured.
pg_psql() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -v ON_ERROR_STOP=1 -Atq "$@"; }
pg_statements_on() { pg_psql -c "show shared_preload_libraries" 2>/dev/null | grep -q pg_stat_statements; }
pg_statements_reset() {
  pg_statements_on || { metric "$1.pg_statements" "not loaded (shared_preload_libraries)"; return 0; }
  pg_psql -c "create extension if not exists pg_stat_statements" -c "select pg_stat_statements_reset()" >/dev/null
}
pg_statements_report() { # phase events
  pg_statements_on || return 0
  local dbs="" svc
  for svc in $SERVICES; do dbs+="${dbs:+,}'${DB[$svc]}'"; done
  pg_psql -F '|' -c "
    with s as (select d.datname, s.* from pg_stat_statements s join pg_database d on d.oid = s.dbid where d.datname in ($dbs))
    select datname, round(sum(total_exec_time)::numeric / $2, 4), round(sum(wal_bytes) / 1024.0 / $2, 2),
           round(sum(wal_fpi)::numeric / $2, 3), round(sum(shared_blks_read)::numeric / $2, 2), round(sum(rows)::numeric / $2, 1)
      from s group by datname order by 2 desc" |
    while IFS='|' read -r db ms wal fpi blocks rows; do
      for svc in $SERVICES; do
        if [ "${DB[$svc]}" = "$db" ]; then metric "$1.pg.$svc" "ms=$ms wal_kb=$wal fpi=$fpi blocks_read=$blocks rows=$rows"; fi
      done
    done
  { echo "per event: ms of statement time | rows | blocks read (outside shared buffers) | WAL kB | full-page images | calls | database | statement"
    pg_psql -F ' | ' -c "
      select round((total_exec_time / $2)::numeric, 4), round(rows::numeric / $2, 2), round(shared_blks_read::numeric / $2, 2),
             round(wal_bytes / 1024.0 / $2, 2), round(wal_fpi::numeric / $2, 3), calls, d.datname, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
        from pg_stat_statements s join pg_database d on d.oid = s.dbid
       where d.datname in ($dbs) order by total_exec_time desc limit 40"
  } > "$RESULTS/pg-statements-$1.txt"
}
# peak RSS of each service while a phase runs, sampled twice a second into $WORK_DIR/peak-<service>
sample_rss() {
  while true; do
    for svc in $SERVICES; do
      local now peak; now=$(rss_mb "$svc" 2>/dev/null || echo 0); peak=$(cat "$WORK_DIR/peak-$svc" 2>/dev/null || echo 0)
      (( now > peak )) && echo "$now" > "$WORK_DIR/peak-$svc"
    done
    sleep 0.5
  done
}

rm -f "$LOG_DIR"/*-service.log "$WORK_DIR"/peak-*
# an authenticated request per service: what a client's first call after a start needs (token checked, database read)
declare -A FIRST=([profile-service]=/api/xp/profile [analytics-service]=/api/xp/streak [admin-stats-service]=/api/v1/organizations)
PROBE_TOKEN=$("$INFRA/mint-token.sh" --sub bench-startup-probe --username bench_startup_probe)
seconds_since() { awk -v t0="$1" -v t1="$(date +%s%N)" 'BEGIN { printf "%.2f", (t1 - t0) / 1e9 }'; }
first_request() { # service t0 -> seconds from t0 until the authenticated request answered 200
  local svc=$1 t0=$2
  curl -fs -o /dev/null -H "Authorization: Bearer $PROBE_TOKEN" "http://127.0.0.1:${PORT[$svc]}${FIRST[$svc]}" \
    || { log "$svc: the first authenticated request failed"; return 1; }
  seconds_since "$t0"
}
# peak RSS of one service during a short burst of authenticated reads (the same for both ways of starting)
burst_peak() { # service -> MB
  local svc=$1 peak=0 now
  echo "$PROBE_TOKEN" > "$WORK_DIR/probe-token.txt"
  TOKENS="$WORK_DIR/probe-token.txt" wrk -t1 -c8 -d3s -s "$INFRA/bench/rotate-tokens.lua" "http://127.0.0.1:${PORT[$svc]}${FIRST[$svc]}" >/dev/null &
  local wrk_pid=$!
  while kill -0 "$wrk_pid" 2>/dev/null; do now=$(rss_mb "$svc"); (( now > peak )) && peak=$now; sleep 0.2; done
  echo "$peak"
}
# A start is measured on a quiet machine: the JVM that stopped before it, or a start's JIT still compiling, would
# otherwise take one of the two cores from it. Waits up to 30 s until the cores were at least 90 % idle over a second.
cpu_idle_percent() { # over the next second
  local a b
  a=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat); sleep 1
  b=$(awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
  awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " "); printf "%d", 100 * (y[2] - x[2]) / (y[1] - x[1]) }'
}
wait_quiet() {
  for _ in $(seq 1 30); do (( $(cpu_idle_percent) >= 90 )) && return 0; done
  log "the cores did not get 90 % idle within 30 s; measuring the start anyway"
}
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# $starts starts of one kind, each to ready and the first authenticated request, the medians reported; the last one stays
# up for RSS idle (3 s after) and the RSS peak in a 3-s read burst
measure_start() { # service mode(plain|aot_package|aot)
  local svc=$1 mode=$2 t0 i readies=() firsts=()
  for ((i = 1; i <= starts; i++)); do
    (( i > 1 )) && stop_pid "$PID_DIR/$svc.pid" "$svc ($mode, start $((i - 1)) of $starts)"
    wait_quiet
    t0=$(date +%s%N)
    if [ "$mode" = plain ]; then XT_AOT=off start_service "$svc"; else start_service "$svc"; fi
    readies+=("$(wait_ready "$svc" "$t0")")
    firsts+=("$(first_request "$svc" "$t0")")
  done
  metric "startup.$svc.$mode.ready_seconds" "$(median "${readies[@]}")"
  metric "startup.$svc.$mode.ready_seconds_each" "${readies[*]}"
  metric "startup.$svc.$mode.first_request_seconds" "$(median "${firsts[@]}")"
  sleep 3
  metric "startup.$svc.$mode.idle_rss_mb" "$(rss_mb "$svc")"
  metric "startup.$svc.$mode.burst_peak_rss_mb" "$(burst_peak "$svc")"
}
# the JDK AOT cache trained on a full start, as Quarkus' integration-test training does: the service starts with
# -XX:AOTCacheOutput on its migrated database and the broker, answers readiness and 20 authenticated requests, and
# writes app.aot (classes loaded and linked, method profiles) as it stops; replaces the package's static-init cache
train_aot_cache() { # service
  local svc=$1 app="$WORK_DIR/apps/$1" t0=$SECONDS
  rm -f "$app/app.aot"
  XT_AOT=train start_service "$svc"
  wait_ready "$svc" "$(date +%s%N)" >/dev/null
  for _ in $(seq 1 20); do first_request "$svc" "$(date +%s%N)" >/dev/null; done
  stop_pid "$PID_DIR/$svc.pid" "$svc (AOT cache training)" 120 # the JVM writes the cache as it exits
  [ -s "$app/app.aot" ] || { log "training the AOT cache of $svc wrote nothing; see $LOG_DIR/$svc.log"; return 1; }
  aot_seconds[$svc]="a full start and 20 authenticated requests, $((SECONDS - t0)) s"
}
metric "startup.jvm_options" "$SERVICE_JVM_OPTS${SERVICE_MALLOC_ARENA_MAX:+, MALLOC_ARENA_MAX=$SERVICE_MALLOC_ARENA_MAX}"
for svc in $SERVICES; do
  phase "migrating ${DB[$svc]} (clean): the migration step, the same artifact with QUARKUS_INIT_AND_EXIT"
  t0=$(date +%s%N)
  migrate_service "$WORK_DIR/apps/$svc" "$LOG_DIR/$svc-migrate.log" DB_NAME="${DB[$svc]}" \
    QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false
  metric "startup.$svc.migrate_seconds" "$(seconds_since "$t0")"
  phase "starting $svc on :${PORT[$svc]} alone: plain JVM, with the package's AOT cache, then with one trained on a full start"
  measure_start "$svc" plain
  stop_pid "$PID_DIR/$svc.pid" "$svc (plain JVM)"
  measure_start "$svc" aot_package
  stop_pid "$PID_DIR/$svc.pid" "$svc (the package's AOT cache)"
  train_aot_cache "$svc"
  metric "startup.$svc.aot_training" "${aot_seconds[$svc]}"
  metric "startup.$svc.aot_cache_mb" "$(du -m "$WORK_DIR/apps/$svc/app.aot" | cut -f1)"
  measure_start "$svc" aot
  stop_pid "$PID_DIR/$svc.pid" "$svc (the full-start AOT cache)" # the next service starts on a quiet machine
done
phase "starting the three services together with their AOT caches, as after a node's restart (they stay up for the run)"
wait_quiet
t0=$(date +%s%N)
for svc in $SERVICES; do start_service "$svc"; done
for svc in $SERVICES; do wait_ready "$svc" "$t0" >/dev/null; done
metric "startup.together.ready_seconds" "$(seconds_since "$t0")"
sleep 5 # let start-up work (class loading, first polls) settle before the idle reading
for svc in $SERVICES; do metric "rss.$svc.idle_mb" "$(rss_mb "$svc")"; done
if $startup_only; then
  phase "done (--startup-only); raw output in $RESULTS"
  bench report
  exit 0
fi
sample_rss & SAMPLER_PID=$!

phase "1. COPY reference: $events events into a bare table"
bench copy
phase "setup: an events:write API key, an organization with $members members"
jfr_start setup
bench setup
jfr_stop setup
phase "1. ingest end to end: $events events"
jfr_start ingest
pg_statements_reset ingest
cpu_snapshot "$WORK_DIR/cpu-before-ingest"
bench ingest --phase main --batch 1000 --concurrency "$concurrency" --timeout 3600
cpu_snapshot "$WORK_DIR/cpu-after-ingest"
jfr_stop ingest
consumer_batches ingest
cpu_report ingest "$WORK_DIR/cpu-before-ingest" "$WORK_DIR/cpu-after-ingest" "$events" main
pg_statements_report ingest "$events"
phase "settling the databases: VACUUM (ANALYZE), what autovacuum would have done by now"
bench settle

phase "3. admin dashboard against the raw-event computation"
jfr_start dashboard
bench dashboard --runs30 "$dashboard_runs30" --runs365 "$dashboard_runs365" --raw-runs "$raw_runs"
jfr_stop dashboard

phase "2. learner reads with wrk (32 connections, ${read_seconds} s each)"
bench tokens --count 200 --out "$WORK_DIR/tokens.txt"
export TOKENS="$WORK_DIR/tokens.txt"
while read -r token; do # profile-service creates each learner on their first request: not part of the measurement
  curl -fs -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:${PORT[profile-service]}/api/xp/profile"
done < "$TOKENS"
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 }; printf "%.2f", v }'; }
read_test() { # name service path [url script]: a service's path with the learners' tokens, or a URL with a wrk script
  local name=$1 url=${4:-"http://127.0.0.1:${PORT[$2]}$3"} script=${5:-"$INFRA/bench/rotate-tokens.lua"} out="$RESULTS/wrk-$1.txt"
  wrk -t2 -c32 -d2s -s "$script" "$url" >/dev/null # warm-up
  wrk -t2 -c32 -d"${read_seconds}s" --latency -s "$script" "$url" > "$out"
  metric "reads.$name.rps" "$(awk '/Requests\/sec/ {print $2}' "$out")"
  metric "reads.$name.p50_ms" "$(awk '$1 == "50%" {print $2}' "$out" | to_ms)"
  metric "reads.$name.p99_ms" "$(awk '$1 == "99%" {print $2}' "$out" | to_ms)"
  metric "reads.$name.non_2xx" "$(awk '/Non-2xx/ {print $NF}' "$out" | grep . || echo 0)"
}
# steady state, not the JIT's first minute: a round over every read first (the ingest compiled other paths), not measured
for url in "${PORT[profile-service]}/q/health/live" "${PORT[profile-service]}/api/xp/profile" "${PORT[analytics-service]}/q/health/live" \
    "${PORT[analytics-service]}/api/xp/streak" "${PORT[analytics-service]}/api/xp/quests" "${PORT[analytics-service]}/api/xp/learning-pulse"; do
  wrk -t2 -c32 -d6s -s "$INFRA/bench/rotate-tokens.lua" "http://127.0.0.1:$url" >/dev/null
done
jfr_start reads
read_test live-profile profile-service /q/health/live
read_test profile profile-service /api/xp/profile
read_test live-analytics analytics-service /q/health/live
read_test streak analytics-service /api/xp/streak
read_test quests analytics-service /api/xp/quests
read_test learning-pulse analytics-service /api/xp/learning-pulse
# the public profile through the gateway (nginx with gateway-config/): 200 public learners asked for by 2,000
# signed-in visitors, so the gateway's per-client limit (50/s per token and address) sees visitors, not one client
"$INFRA/gateway.sh" start --dir "$WORK_DIR/gateway" --port "$GATEWAY_PORT" --profile "127.0.0.1:${PORT[profile-service]}" \
  --analytics "127.0.0.1:${PORT[analytics-service]}" --admin-stats "127.0.0.1:${PORT[admin-stats-service]}" >/dev/null
bench tokens --count 2000 --out "$WORK_DIR/visitors.txt"
psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "${DB[profile-service]}" -Atc \
  "select username from app_user where public_profile order by id limit 200" > "$WORK_DIR/usernames.txt"
TOKENS="$WORK_DIR/visitors.txt" USERNAMES="$WORK_DIR/usernames.txt" \
  read_test public-gateway profile-service "" "http://127.0.0.1:$GATEWAY_PORT/" "$INFRA/bench/rotate-public.lua"
"$INFRA/gateway.sh" stop --dir "$WORK_DIR/gateway" >/dev/null
jfr_stop reads

kill "$SAMPLER_PID"; SAMPLER_PID=
for svc in $SERVICES; do metric "rss.$svc.peak_mb" "$(cat "$WORK_DIR/peak-$svc")"; done

phase "1. naive reference: services restarted with one record per poll and transaction; $naive_events events"
for svc in $SERVICES; do stop_pid "$PID_DIR/$svc.pid" "$svc"; done
for svc in $SERVICES; do start_service "$svc" XENTREE_MESSAGING_MAX_POLL_RECORDS=1 XENTREE_MESSAGING_CONSUMERS_PER_GROUP=1; done
for svc in $SERVICES; do wait_ready "$svc" "$(date +%s%N)" >/dev/null; done
bench ingest --phase naive --events "$naive_events" --batch 1000 --concurrency "$concurrency" --timeout 1800

phase "done; raw output in $RESULTS"
bench report
