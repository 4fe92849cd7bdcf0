#!/usr/bin/env bash
# Restarts one piece of the local infrastructure in place, for fault-injection runs:
#   infra/restart.sh kafka      stops the broker this checkout started and starts it again (same data)
#   infra/restart.sh postgres   restarts the PostgreSQL server in use (fast shutdown: open connections drop)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
case "${1:-}" in
  kafka)
    if pid_alive "$PID_DIR/kafka.pid"; then
      stop_pid "$PID_DIR/kafka.pid" Kafka
      "$INFRA_DIR/up.sh" 2>&1 | grep -v '^\[infra\] PostgreSQL' >&2
      exit 0
    fi
    # A broker another checkout started (up.sh reuses one that listens on the port): restart that
    # very process, same command line and directory, so its data and the consumers' offsets stay;
    # and keep that checkout's pid file right, so its down.sh still stops it.
    pid=$(ss -Hltnp "sport = :$KAFKA_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
    if [ -z "$pid" ] || ! tr '\0' '\n' < "/proc/$pid/cmdline" | grep -qx kafka.Kafka; then
      log "no Kafka broker on port $KAFKA_PORT to restart"; exit 1
    fi
    mapfile -d '' cmd < "/proc/$pid/cmdline"
    cmd[0]=$(readlink "/proc/$pid/exe")
    cwd=$(readlink "/proc/$pid/cwd")
    kill "$pid"
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    cd "$cwd"
    setsid nohup "${cmd[@]}" >>"$LOG_DIR/kafka-restarted.out" 2>&1 </dev/null &
    restarted=$!
    owner_pids=$(dirname "$(dirname "${cmd[-1]}")")/pids
    if [ -d "$owner_pids" ]; then echo "$restarted" > "$owner_pids/kafka.pid"; fi
    wait_for_port 127.0.0.1 "$KAFKA_PORT" 90 Kafka
    log "restarted the Kafka broker on 127.0.0.1:$KAFKA_PORT (pid $restarted)"
    ;;
  postgres)
    source "$ENV_FILE"
    if [ "$DB_PORT" = "$EMBEDDED_PG_PORT" ]; then
      as_pg=(); if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u nobody --); fi
      "${as_pg[@]}" "$WORK_DIR/pgsql/bin/pg_ctl" -D "$WORK_DIR/pgdata" -l "$LOG_DIR/postgres.log" -w -m fast \
        -o "-p $DB_PORT -h 127.0.0.1 -c max_connections=200 -c fsync=off" restart >/dev/null
    elif command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
      version=$(ls /etc/postgresql | sort -V | tail -1)
      pg_ctlcluster --skip-systemctl-redirect -m fast "$version" main restart
    else
      log "PostgreSQL on $DB_HOST:$DB_PORT was not started by this checkout and no pg_ctlcluster is available"; exit 1
    fi
    wait_for_port "$DB_HOST" "$DB_PORT" 60 PostgreSQL
    log "restarted PostgreSQL on $DB_HOST:$DB_PORT"
    ;;
  *) echo "usage: $0 kafka|postgres" >&2; exit 2 ;;
esac
