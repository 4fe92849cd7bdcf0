# Shared settings of the local infrastructure scripts; sourced, not run.
INFRA_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT_DIR=$(dirname "$INFRA_DIR")
# XT_WORK_DIR gives a second, independent set of infrastructure (the benchmark's own broker, pids, logs, keys)
WORK_DIR="${XT_WORK_DIR:-$INFRA_DIR/.work}"
LIB_DIR="$WORK_DIR/lib"
PID_DIR="$WORK_DIR/pids"
LOG_DIR="$WORK_DIR/logs"
ENV_FILE="$WORK_DIR/env"
KAFKA_PORT=${KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
EMBEDDED_PG_PORT=${EMBEDDED_PG_PORT:-15432}
# database-per-service; the _test databases belong to @QuarkusTest, the _it ones to infra/system-tests
# (XT_DATABASES replaces the list, for the benchmark's own databases)
DATABASES=${XT_DATABASES:-"xentree_profile xentree_analytics xentree_admin_stats
           xentree_profile_test xentree_analytics_test xentree_admin_stats_test
           xentree_profile_it xentree_analytics_it xentree_admin_stats_it
           xentree_profile_replay_it xentree_foundation_test"}

# Files the caller left open stay with the caller: a broker or service started from here must not
# inherit them. Under `flock /tmp/xentree-test.lock infra/test.sh` the lock's file would otherwise
# stay open in the Kafka broker, and the lock held for as long as the broker runs.
for _fd in /proc/$$/fd/*; do
  _fd=${_fd##*/}
  case $_fd in 0 | 1 | 2 | 255) ;; *) eval "exec $_fd>&-" 2>/dev/null || true ;; esac
done
unset _fd

mkdir -p "$PID_DIR" "$LOG_DIR"

log() { printf '[infra] %s\n' "$*" >&2; }

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_for_port() { # host port seconds what
  local deadline=$((SECONDS + $3))
  until port_open "$1" "$2"; do
    if (( SECONDS >= deadline )); then log "$4 did not open $1:$2 within $3 s"; return 1; fi
    sleep 0.2
  done
}

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}' | cut -d. -f1; }

# Exports JAVA_HOME pointing at a JDK >= 21: $JAVA_HOME, the java on PATH, then /usr/lib/jvm/*.
find_java() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for c in /usr/lib/jvm/*; do candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/javac" ] && [ "$(java_major "$c")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$c"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  log "no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)"; return 1
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid() { # pidfile name
  pid_alive "$1" || { rm -f "$1"; return 0; }
  local pid; pid=$(cat "$1")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { log "$2 did not stop in 20 s, killing"; kill -9 "$pid" 2>/dev/null; }
  rm -f "$1"; log "stopped $2 (pid $pid)"
}
