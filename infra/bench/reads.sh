#!/usr/bin/env bash
# Phase 2 of infra/bench.sh on its own, on the data the last infra/bench.sh run left in its databases
# (xentree_*_bench; run infra/bench.sh --quick first), plus the public profile through the gateway:
# starts a fresh broker, profile- and analytics-service from target/quarkus-app and nginx with
# gateway-config/, runs wrk (-t2 -c32) against each read and the trivial endpoint of the same
# service in the same run, prints a Markdown table and stops what it started.
#   infra/bench/reads.sh [--seconds 4] [--build] [--gateway-port 28080]
set -euo pipefail
INFRA=$(cd "$(dirname "$0")/.." && pwd)
export XT_WORK_DIR="$INFRA/.work/bench"
export KAFKA_PORT=29092 KAFKA_CONTROLLER_PORT=29093
export XT_DATABASES="xentree_profile_bench xentree_analytics_bench xentree_admin_stats_bench"
source "$INFRA/lib.sh"
seconds=4 build=false gateway_port=28080
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds=$2; shift 2 ;;
    --build) build=true; shift ;;
    --gateway-port) gateway_port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
declare -A PORT=([profile-service]=28081 [analytics-service]=28082)
declare -A DB=([profile-service]=xentree_profile_bench [analytics-service]=xentree_analytics_bench)
RESULTS="$INFRA/bench/results/reads-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$RESULTS"
GW_DIR="$WORK_DIR/gateway-reads"
cleanup() {
  set +e
  "$INFRA/gateway.sh" stop --dir "$GW_DIR" 2>/dev/null
  for svc in profile-service analytics-service; do stop_pid "$PID_DIR/$svc.pid" "$svc"; done
  stop_pid "$PID_DIR/kafka.pid" "benchmark Kafka broker"
}
trap cleanup EXIT
find_java
[ -s "$WORK_DIR/tokens.txt" ] || { log "no tokens in $WORK_DIR: run infra/bench.sh --quick first"; exit 1; }
cd "$ROOT_DIR"
$build && ./mvnw -B -q package -DskipTests -pl profile-service,analytics-service -am
rm -rf "$WORK_DIR/kafka" "$WORK_DIR/apps-reads"; mkdir -p "$WORK_DIR/apps-reads"
"$INFRA/up.sh"
source "$ENV_FILE"
for svc in profile-service analytics-service; do
  cp -r "$svc/target/quarkus-app" "$WORK_DIR/apps-reads/$svc"
  # the xentree_*_bench databases are shared by every checkout on this PostgreSQL: tolerate migrations
  # another branch's benchmark applied there (they are additive, docs/architecture.md, Replicas)
  migrate_service "$WORK_DIR/apps-reads/$svc" "$LOG_DIR/$svc-migrate.log" DB_NAME="${DB[$svc]}" \
    QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:missing'
  env QUARKUS_HTTP_PORT="${PORT[$svc]}" DB_NAME="${DB[$svc]}" ACCESS_LOG_ENABLED=false QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
    QUARKUS_FLYWAY_IGNORE_MIGRATION_PATTERNS='*:missing' \
    MALLOC_ARENA_MAX=$SERVICE_MALLOC_ARENA_MAX setsid nohup "$JAVA_HOME/bin/java" $SERVICE_JVM_OPTS -jar "$WORK_DIR/apps-reads/$svc/quarkus-run.jar" >>"$LOG_DIR/$svc.log" 2>&1 </dev/null &
  echo $! > "$PID_DIR/$svc.pid"
done
for svc in profile-service analytics-service; do
  for _ in $(seq 1 600); do curl -fs -o /dev/null "http://127.0.0.1:${PORT[$svc]}/q/health/live" && break; sleep 0.1; done
done
"$INFRA/gateway.sh" start --dir "$GW_DIR" --port "$gateway_port" --profile "127.0.0.1:${PORT[profile-service]}" \
  --analytics "127.0.0.1:${PORT[analytics-service]}" --admin-stats 127.0.0.1:28083
rot="$INFRA/bench/rotate-tokens.lua"
P=http://127.0.0.1:${PORT[profile-service]} A=http://127.0.0.1:${PORT[analytics-service]}
export TOKENS="$WORK_DIR/tokens.txt" USERNAMES="$RESULTS/usernames.txt"
while read -r token; do # profile-service creates each learner on their first request: not part of the measurement
  curl -fs -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:${PORT[profile-service]}/api/xp/profile"
done < "$TOKENS"
psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d xentree_profile_bench -Atc \
  "select username from app_user where public_profile order by id limit 200" > "$USERNAMES"
# one answer of each read, headers included, beside the figures (a sanity check that they answer 200)
first=$(head -1 "$TOKENS")
for path in "$P/api/xp/profile" "$A/api/xp/streak" "$A/api/xp/quests" "$A/api/xp/learning-pulse"; do
  curl -s -i -H "Authorization: Bearer $first" "$path" | head -c 600; echo
done > "$RESULTS/answers.txt"
curl -s -i "http://127.0.0.1:$gateway_port/api/xp/public-profile/$(head -1 "$USERNAMES")" | head -c 900 >> "$RESULTS/answers.txt"
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 }; printf "%.2f", v }'; }
declare -A RPS P99
read_test() { # name url script
  local out="$RESULTS/wrk-$1.txt"
  wrk -t2 -c32 -d2s -s "$3" "$2" >/dev/null # warm-up
  wrk -t2 -c32 -d"${seconds}s" --latency -s "$3" "$2" > "$out"
  RPS[$1]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$out")
  P99[$1]=$(awk '$1 == "99%" {print $2}' "$out" | to_ms)
  local bad; bad=$(awk '/Non-2xx/ {print $NF}' "$out")
  printf '  %-16s %6s req/s  p50 %s  p99 %s ms%s\n' "$1" "${RPS[$1]}" "$(awk '$1 == "50%" {print $2}' "$out")" "${P99[$1]}" \
    "${bad:+  NON-2xx: $bad}"
}
read_test live-profile "$P/q/health/live" "$rot"
read_test profile "$P/api/xp/profile" "$rot"
read_test live-analytics "$A/q/health/live" "$rot"
read_test streak "$A/api/xp/streak" "$rot"
read_test quests "$A/api/xp/quests" "$rot"
read_test learning-pulse "$A/api/xp/learning-pulse" "$rot"
# as infra/bench.sh: the 2,000 signed-in visitors it minted, so the gateway's per-client limit (50/s per token and
# address) sees visitors, not a few clients (the learners' 200 tokens would be answered 429 above 10,000 req/s)
[ -s "$WORK_DIR/visitors.txt" ] && export TOKENS="$WORK_DIR/visitors.txt"
read_test public-gateway "http://127.0.0.1:$gateway_port/" "$INFRA/bench/rotate-public.lua"
{
  echo "| read | req/s | p99 | trivial endpoint (same run) | share |"
  echo "|---|---|---|---|---|"
  for r in profile:live-profile streak:live-analytics quests:live-analytics learning-pulse:live-analytics public-gateway:live-profile; do
    n=${r%%:*} t=${r##*:}
    echo "| $n | ${RPS[$n]} | ${P99[$n]} ms | $t ${RPS[$t]} req/s (p99 ${P99[$t]} ms) | $(awk -v a="${RPS[$n]}" -v b="${RPS[$t]}" 'BEGIN { printf "%.0f %%", 100 * a / b }') |"
  done
} | tee "$RESULTS/table.md"
