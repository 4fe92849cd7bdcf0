#!/usr/bin/env bash
# A focused measurement of the engagement dashboard (phase 3 of infra/bench.sh) without the pipeline:
# fills admin-stats' tables for one organization directly with SQL (infra/bench/dashboard-fill.sql:
# raw events as the benchmark draws them, rolled up as the consumers would), starts the packaged
# admin-stats-service against that scratch database (no Kafka: its consumers idle) and runs
# `Bench dashboard`: GET /api/v1/admin/stats/ for 30 and 365 days next to the KPI cards computed
# from the raw events in the same run. About 2 minutes at the default size, 15 s with --reuse.
#   infra/bench/dashboard.sh [--members 10000] [--days 365] [--events 1000000] [--runs 10] [--raw-runs 3]
#                            [--no-build] [--reuse] [--keep-running]
#   --reuse: keep the data of the previous run (no clean, no fill; new migrations still apply)
# Run it under the shared lock: flock -o /tmp/xentree-test.lock infra/bench/dashboard.sh ...
set -euo pipefail
INFRA=$(cd "$(dirname "$0")/.." && pwd)
export XT_WORK_DIR="$INFRA/.work/dashbench"
export XT_DATABASES="xentree_admin_stats_dash"
source "$INFRA/lib.sh"
members=10000 days=365 events=1000000 runs=10 raw_runs=3 build=true reuse=false keep=false port=28093
while [ $# -gt 0 ]; do
  case "$1" in
    --members) members=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --events) events=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --raw-runs) raw_runs=$2; shift 2 ;;
    --no-build) build=false; shift ;;
    --reuse) reuse=true; shift ;;
    --keep-running) keep=true; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
RESULTS="$XT_WORK_DIR/results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
exec > >(tee "$RESULTS/dashboard.log") 2>&1
PIDFILE="$PID_DIR/admin-stats-service.pid"
cleanup() { $keep || stop_pid "$PIDFILE" admin-stats-service; }
trap cleanup EXIT

find_java
if [ ! -f "$LIB_DIR/.complete" ]; then
  "$ROOT_DIR/mvnw" -q -B -f "$INFRA/tools/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIB_DIR"
  touch "$LIB_DIR/.complete"
fi
port_open 127.0.0.1 5432 || { log "needs the PostgreSQL on 127.0.0.1:5432"; exit 1; }
DB_HOST=127.0.0.1 DB_PORT=5432 DB_USER=postgres DB_NAME=$XT_DATABASES
java -cp "$LIB_DIR/*" "$INFRA/tools/Databases.java" "$DB_HOST" "$DB_PORT" "$DB_USER" "$DB_NAME" >&2
java "$INFRA/tools/MintToken.java" --keys "$WORK_DIR/keys" --init >/dev/null
cd "$ROOT_DIR"
$build && ./mvnw -B -q package -DskipTests -pl admin-stats-service -am
rm -rf "$WORK_DIR/app" && cp -r admin-stats-service/target/quarkus-app "$WORK_DIR/app"
mkdir -p "$WORK_DIR/classes"
javac -nowarn -cp "$LIB_DIR/*" -d "$WORK_DIR/classes" "$INFRA/tools/MintToken.java" "$INFRA/bench/Workload.java" "$INFRA/bench/Bench.java"

stop_pid "$PIDFILE" admin-stats-service
clean=true; $reuse && clean=false
# production start does not migrate: the migration step first, as infra/run.sh and infra/bench.sh do
migrate_service "$WORK_DIR/app" "$LOG_DIR/admin-stats-service-migrate.log" DB_HOST=$DB_HOST DB_PORT=$DB_PORT DB_USER=$DB_USER \
  DB_NAME=$DB_NAME KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 JWT_PUBLIC_KEY_LOCATION="$WORK_DIR/keys/public.pem" \
  ERASURE_HASH_KEY=0000000000000000000000000000000000000000000000000000000000000000 \
  QUARKUS_FLYWAY_CLEAN_AT_START=$clean QUARKUS_FLYWAY_CLEAN_DISABLED=false
env QUARKUS_HTTP_PORT=$port DB_HOST=$DB_HOST DB_PORT=$DB_PORT DB_USER=$DB_USER DB_NAME=$DB_NAME ACCESS_LOG_ENABLED=false \
    QUARKUS_LOG_CONSOLE_JSON_ENABLED=false KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 JWT_PUBLIC_KEY_LOCATION="$WORK_DIR/keys/public.pem" \
    ERASURE_HASH_KEY=0000000000000000000000000000000000000000000000000000000000000000 MALLOC_ARENA_MAX=$SERVICE_MALLOC_ARENA_MAX \
    setsid nohup "$JAVA_HOME/bin/java" $SERVICE_JVM_OPTS -jar "$WORK_DIR/app/quarkus-run.jar" >"$LOG_DIR/admin-stats-service.log" 2>&1 </dev/null &
echo $! > "$PIDFILE"
for _ in $(seq 1 1200); do
  curl -s -o /dev/null "http://127.0.0.1:$port/q/health/live" && break
  pid_alive "$PIDFILE" || { tail -40 "$LOG_DIR/admin-stats-service.log"; exit 1; }
  sleep 0.1
done
ORG=$(cat "$WORK_DIR/org" 2>/dev/null || true)
if ! $reuse || [ -z "$ORG" ]; then
  ORG=$(cat /proc/sys/kernel/random/uuid); echo "$ORG" > "$WORK_DIR/org"
  log "filling $members members x $days days, $events events (SQL)"
  t0=$SECONDS
  psql -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -v members="$members" -v days="$days" -v events="$events" \
    -v org="$ORG" -f "$INFRA/bench/dashboard-fill.sql"
  log "filled in $((SECONDS - t0)) s"
fi
echo "org_id=$ORG" > "$WORK_DIR/state.properties"
java -Xmx2g -cp "$WORK_DIR/classes:$LIB_DIR/*" Bench dashboard --results "$RESULTS" --state "$WORK_DIR/state.properties" \
  --keys "$WORK_DIR/keys" --db-host "$DB_HOST" --db-port "$DB_PORT" --db-user "$DB_USER" --db-admin-stats "$DB_NAME" \
  --admin-stats "http://127.0.0.1:$port" --runs30 "$runs" --runs365 "$runs" --raw-runs "$raw_runs" --save-bodies "$WORK_DIR"
for d in 30 365; do
  awk -F= -v d="$d" '$1 == "dashboard." d "d.p50_ms" {a=$2} $1 == "dashboard." d "d.p95_ms" {b=$2} $1 == "dashboard." d "d.raw_p50_ms" {r=$2}
    END { printf "dashboard %3s days: p50 %.0f ms, p95 %.0f ms; raw KPIs p50 %.0f ms: %.1fx\n", d, a, b, r, r / a }' "$RESULTS/metrics.properties"
done
log "results in $RESULTS"
