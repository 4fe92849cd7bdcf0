#!/usr/bin/env bash
# Starts the whole system locally: the infrastructure (infra/up.sh), then the three services as
# JVM processes, and prints where each listens and how to get a token. Stop with infra/down.sh.
#   infra/run.sh            build the services first (skipping tests), then start them
#   infra/run.sh --no-build start what is already packaged
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$INFRA_DIR/up.sh"
source "$ENV_FILE"
cd "$ROOT_DIR"
if [ "${1:-}" != "--no-build" ]; then
  log "packaging the services (tests skipped; infra/test.sh runs them)"
  ./mvnw -B -q package -DskipTests -pl profile-service,analytics-service,admin-stats-service -am
fi
declare -A PORTS=([profile-service]=8081 [analytics-service]=8082 [admin-stats-service]=8083)
for svc in profile-service analytics-service admin-stats-service; do
  pidfile="$PID_DIR/$svc.pid"
  if pid_alive "$pidfile"; then log "$svc already running (pid $(cat "$pidfile"))"; continue; fi
  QUARKUS_HTTP_PORT=${PORTS[$svc]} QUARKUS_LOG_CONSOLE_JSON_ENABLED=false setsid nohup "$JAVA_HOME/bin/java" -Xmx384m \
    -jar "$svc/target/quarkus-app/quarkus-run.jar" >"$LOG_DIR/$svc.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"
done
for svc in profile-service analytics-service admin-stats-service; do
  port=${PORTS[$svc]}
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    pid_alive "$PID_DIR/$svc.pid" || { log "$svc exited; see $LOG_DIR/$svc.log"; tail -20 "$LOG_DIR/$svc.log" >&2; exit 1; }
    sleep 0.5
  done
done
cat <<INFO

Xentree is running locally.
  profile-service      http://127.0.0.1:8081   (Swagger UI: /q/swagger-ui, OpenAPI: /q/openapi, metrics: /q/metrics)
  analytics-service    http://127.0.0.1:8082
  admin-stats-service  http://127.0.0.1:8083
  Kafka                $KAFKA_BOOTSTRAP_SERVERS
  PostgreSQL           $DB_HOST:$DB_PORT (databases xentree_profile, xentree_analytics, xentree_admin_stats)
  logs                 $LOG_DIR

A token (signed with the local development key in infra/.work/keys):
  TOKEN=\$(infra/mint-token.sh --sub alice --username alice --scope events:write)
  curl -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' http://127.0.0.1:8082/api/v1/events \\
       -d '{"events":[{"event_id":"'\$(cat /proc/sys/kernel/random/uuid)'","user_id":"alice","occurred_at":"'\$(date -u +%FT%TZ)'","activity_type":"lesson_completed","source":"english","category":"vocabulary","duration_seconds":600}]}'
Stop everything with infra/down.sh.
INFO
