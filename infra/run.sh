#!/usr/bin/env bash
# Starts the whole system locally: the infrastructure (infra/up.sh), the three services as JVM
# processes and, when nginx is installed, the gateway in front of them on :8080; prints where each
# listens and how to get a token. Stop with infra/down.sh.
#   infra/run.sh             build the services first (skipping tests), then start everything
#   infra/run.sh --no-build  start what is already packaged
#   infra/run.sh --demo      also fill the system with demo data through the gateway (infra/demo-data.sh)
#   infra/run.sh --fresh     start from empty databases and topics: stops what this checkout started,
#                            wipes its Kafka broker's data and drops the three service databases
# Without --fresh, data of an earlier run (in the xentree_* databases and the broker) is kept and used.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
build=true
demo=false
fresh=false
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --demo) demo=true ;;
    --fresh) fresh=true ;;
    *) echo "unknown option $arg" >&2; exit 2 ;;
  esac
done
SERVICE_DATABASES="xentree_profile xentree_analytics xentree_admin_stats"
if $fresh; then
  log "--fresh: stopping what this checkout started and wiping its Kafka data"
  "$INFRA_DIR/down.sh"
  rm -rf "$WORK_DIR/kafka/data"
fi
"$INFRA_DIR/up.sh"
source "$ENV_FILE"
cd "$ROOT_DIR"
if $fresh; then
  pid_alive "$PID_DIR/kafka.pid" || log "note: the Kafka broker on $KAFKA_BOOTSTRAP_SERVERS was not started by this checkout; its topics keep their events"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -cp "$LIB_DIR/*" "$INFRA_DIR/tools/Databases.java" --recreate "$DB_HOST" "$DB_PORT" "$DB_USER" $SERVICE_DATABASES >&2
else
  # shellcheck disable=SC2086
  in_use=$("$JAVA_HOME/bin/java" -cp "$LIB_DIR/*" "$INFRA_DIR/tools/Databases.java" --in-use "$DB_HOST" "$DB_PORT" "$DB_USER" $SERVICE_DATABASES \
    | tr '\n' ' ')
  if [ -n "$in_use" ]; then
    log "reusing the data of an earlier run in ${in_use% } (and the Kafka topics); infra/run.sh --fresh starts from empty databases"
  fi
fi
if $build; then
  log "packaging the services (tests skipped; infra/test.sh runs them)"
  ./mvnw -B -q package -DskipTests -pl profile-service,analytics-service,admin-stats-service -am
fi
declare -A PORTS=([profile-service]=8081 [analytics-service]=8082 [admin-stats-service]=8083)
for svc in profile-service analytics-service admin-stats-service; do
  app="$svc/target/quarkus-app"
  if pid_alive "$PID_DIR/$svc.pid"; then continue; fi
  # the JDK AOT cache: the package writes it; trained here for a package that has none
  if [ ! -f "$app/app.aot" ]; then
    log "training the AOT cache of $svc"; build_aot_cache "$app" || true
  fi
  # the migration step: services do not migrate at start
  log "migrating the database of $svc"
  migrate_service "$app" "$LOG_DIR/$svc-migrate.log"
done
for svc in profile-service analytics-service admin-stats-service; do
  pidfile="$PID_DIR/$svc.pid"
  if pid_alive "$pidfile"; then log "$svc already running (pid $(cat "$pidfile"))"; continue; fi
  mapfile -t cmd < <(service_java "$svc/target/quarkus-app")
  QUARKUS_HTTP_PORT=${PORTS[$svc]} QUARKUS_LOG_CONSOLE_JSON_ENABLED=false setsid nohup "${cmd[@]}" \
    >"$LOG_DIR/$svc.log" 2>&1 < /dev/null &
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
gateway="(not started: install nginx with apt-get install -y nginx-light)"
api=http://127.0.0.1:8082   # without a gateway, the closing hint posts to analytics-service itself
if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then
  "$INFRA_DIR/gateway.sh" start
  gateway="http://127.0.0.1:8080   (routes: gateway-config/routes.conf)"
  api=http://127.0.0.1:8080
fi
if $demo; then
  if [[ $gateway == http* ]]; then "$INFRA_DIR/demo-data.sh"; else log "demo data goes through the gateway: install nginx first"; fi
fi
console="(needs the gateway)"
if [[ $gateway == http* ]]; then
  console="http://127.0.0.1:8080/console/"
fi
cat <<INFO

Xentree is running locally.
  console              $console   (sign in with a token or an API key)
  gateway              $gateway
  profile-service      http://127.0.0.1:8081   (Swagger UI: /q/swagger-ui, OpenAPI: /q/openapi, metrics: /q/metrics)
  analytics-service    http://127.0.0.1:8082
  admin-stats-service  http://127.0.0.1:8083
  Kafka                $KAFKA_BOOTSTRAP_SERVERS
  PostgreSQL           $DB_HOST:$DB_PORT (databases xentree_profile, xentree_analytics, xentree_admin_stats)
  logs                 $LOG_DIR

A token (signed with the local development key in infra/.work/keys):
  TOKEN=\$(infra/mint-token.sh --sub alice --username alice --scope events:write)
  curl -H "Authorization: Bearer \$TOKEN" -H 'Content-Type: application/json' $api/api/v1/events \\
       -d '{"events":[{"event_id":"'\$(cat /proc/sys/kernel/random/uuid)'","user_id":"alice","occurred_at":"'\$(date -u +%FT%TZ)'","activity_type":"lesson_completed","source":"english","category":"vocabulary","duration_seconds":600}]}'
Stop everything with infra/down.sh.
INFO
if $demo && [[ $gateway == http* ]]; then
  # ready-to-open console links: the token travels in the URL fragment (never sent to a server),
  # the console keeps it for the browser tab only and removes it from the address bar
  admin_token=$("$INFRA_DIR/mint-token.sh" --sub demo-admin --username demo_admin --ttl 28800)
  learner_token=$("$INFRA_DIR/mint-token.sh" --sub demo-user --username demo --ttl 28800)
  cat <<LINKS

Open the console (links valid for 8 hours):
  demo admin    http://127.0.0.1:8080/console/?view=engagement#token=$admin_token
  demo learner  http://127.0.0.1:8080/console/?view=me#token=$learner_token
LINKS
fi
