#!/usr/bin/env bash
# Stops what infra/up.sh and infra/run.sh started, by PID: services, Kafka, embedded PostgreSQL.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
"$INFRA_DIR/gateway.sh" stop 2>/dev/null || true
for pidfile in "$PID_DIR"/*.pid; do
  [ -e "$pidfile" ] || continue
  stop_pid "$pidfile" "$(basename "$pidfile" .pid)"
done
if [ -f "$WORK_DIR/pgdata/postmaster.pid" ]; then
  as_pg=(); if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u nobody --); fi
  "${as_pg[@]}" "$WORK_DIR/pgsql/bin/pg_ctl" -D "$WORK_DIR/pgdata" -m fast -w stop >/dev/null && log "stopped embedded PostgreSQL"
fi
