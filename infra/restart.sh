#!/usr/bin/env bash
# Restarts one piece of the local infrastructure in place, for fault-injection runs:
#   infra/restart.sh kafka      stops the broker this checkout started and starts it again (same data)
#   infra/restart.sh postgres   restarts the PostgreSQL server in use (fast shutdown: open connections drop)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
case "${1:-}" in
  kafka)
    pid_alive "$PID_DIR/kafka.pid" || { log "no Kafka broker started by this checkout to restart"; exit 1; }
    stop_pid "$PID_DIR/kafka.pid" Kafka
    "$INFRA_DIR/up.sh" 2>&1 | grep -v '^\[infra\] PostgreSQL' >&2
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
