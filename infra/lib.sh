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

# The JVM settings of a service in a small container, the same in the Dockerfiles (JAVA_OPTS) and the k8s
# resources (docs/operations.md, "Small containers"): one GC thread, a heap that starts small, gives memory back and
# is capped, smaller thread stacks and code cache, and two malloc arenas instead of one per thread. C1 only
# (-XX:TieredStopAtLevel=1) would save another ~20 MB and some start-up, but costs up to 40 % of the read throughput
# (docs/benchmarks.md), so it is left out.
# XT_SERVICE_JVM_OPTS replaces the JVM options and XT_MALLOC_ARENA_MAX the arenas (empty: glibc's default), for the
# benchmark's reference run with the former settings (-Xmx384m).
SERVICE_JVM_OPTS=${XT_SERVICE_JVM_OPTS:-"-XX:+UseSerialGC -Xms16m -Xmx192m -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10 -Xss512k -XX:ReservedCodeCacheSize=128m -XX:MetaspaceSize=96m -XX:MaxMetaspaceSize=160m -XX:TrimNativeHeapInterval=2000 -XX:+ExitOnOutOfMemoryError"}
SERVICE_MALLOC_ARENA_MAX=${XT_MALLOC_ARENA_MAX-2}

# The command line of a packaged service (its quarkus-app folder), with the JDK AOT cache when the folder has
# one (app.aot, written by the package or build_aot_cache); XT_AOT=off leaves it out, XT_AOT=train makes this run
# the training that writes app.aot as the JVM exits (train_aot_cache in infra/bench.sh: a full start and requests).
service_java() { # app-dir -> words of the command line, one per line
  local app=$1 opt
  echo env; [ -n "$SERVICE_MALLOC_ARENA_MAX" ] && echo "MALLOC_ARENA_MAX=$SERVICE_MALLOC_ARENA_MAX"; echo "$JAVA_HOME/bin/java"
  for opt in $SERVICE_JVM_OPTS; do echo "$opt"; done
  if [ "${XT_AOT:-on}" = train ]; then echo "-XX:AOTCacheOutput=$app/app.aot"
  elif [ -f "$app/app.aot" ] && [ "${XT_AOT:-on}" != off ]; then echo "-XX:AOTCache=$app/app.aot"; fi
  echo -jar; echo "$app/quarkus-run.jar"
}

# Writes the JDK AOT cache (JEP 483/514) of a packaged service into its quarkus-app folder as app.aot: a training
# run that stops after Quarkus' static init (quarkus.appcds.generate, as the package-time AppCDS build and the
# Dockerfile do; no database or broker needed), with the flags the service runs with. Only an aot-jar (the
# aot-cache profile, JDK 25+) holds the step that stops it; any other package would start in full and run on, so
# it is not trained. A training still running after AOT_TRAINING_SECONDS is killed (KILL: a JVM told to exit
# would write the cache of what it ran). Without a cache the service starts plainly (service_java).
AOT_TRAINING_SECONDS=${XT_AOT_TRAINING_SECONDS:-180}
build_aot_cache() { # app-dir
  local app=$1; rm -f "$app/app.aot" "$app/app.aot.config"
  if ! is_aot_jar "$app"; then
    log "$app is not an aot-jar (packaged without the aot-cache profile, which needs JDK 25+): it runs without an AOT cache"
    return 1
  fi
  # (the configuration check before the stop wants the erasure key; the training never uses it)
  # shellcheck disable=SC2086
  (cd "$app" && ERASURE_HASH_KEY=aot-training-only timeout -s KILL "$AOT_TRAINING_SECONDS" "$JAVA_HOME/bin/java" $SERVICE_JVM_OPTS \
    -XX:AOTCacheOutput=app.aot -Dquarkus.appcds.generate=true -jar quarkus-run.jar >aot-training.log 2>&1) && [ -f "$app/app.aot" ] \
    || { rm -f "$app/app.aot" "$app/app.aot.config"
         log "the AOT cache of $app was not written (see $app/aot-training.log): it runs without one"; return 1; }
}

is_aot_jar() { # app-dir: whether its quarkus-run.jar puts the application on a flat class path (the aot-jar's manifest)
  local dir; dir=$(mktemp -d)
  (cd "$dir" && "$JAVA_HOME/bin/jar" xf "$(cd "$1" && pwd)/quarkus-run.jar" META-INF/MANIFEST.MF) >/dev/null 2>&1
  tr -d '\r\n ' 2>/dev/null <"$dir/META-INF/MANIFEST.MF" | grep -q 'Class-Path:quarkus/'; local found=$?
  rm -rf "$dir"; return $found
}

# The migration step of a service: the same artifact, run with QUARKUS_INIT_AND_EXIT=true and
# QUARKUS_FLYWAY_MIGRATE_AT_START=true, migrates its database and exits before serving (services do not migrate
# at start). Extra ENV=value words go to it (DB_NAME, QUARKUS_FLYWAY_CLEAN_AT_START, ...).
migrate_service() { # app-dir log [ENV=value ...]
  local app=$1 logfile=$2; shift 2
  local cmd; mapfile -t cmd < <(service_java "$app")
  if ! env QUARKUS_INIT_AND_EXIT=true QUARKUS_FLYWAY_MIGRATE_AT_START=true QUARKUS_LOG_CONSOLE_JSON_ENABLED=false "$@" \
      "${cmd[@]}" >>"$logfile" 2>&1 </dev/null; then
    log "the migration of $app failed; see $logfile"; tail -20 "$logfile" >&2; return 1
  fi
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

stop_pid() { # pidfile name [seconds to wait before killing, default 20]
  pid_alive "$1" || { rm -f "$1"; return 0; }
  local pid wait=${3:-20}; pid=$(cat "$1")
  kill "$pid" 2>/dev/null
  for _ in $(seq 1 $((wait * 5))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && { log "$2 did not stop in $wait s, killing"; kill -9 "$pid" 2>/dev/null; }
  rm -f "$1"; log "stopped $2 (pid $pid)"
}

# The on-demand long system-test runs (fault-run.sh, scale-run.sh): their common options become the
# IT's system properties (<prefix>.learners, .days, .rounds, .seed, .settle-minutes), the IT runs
# against the infrastructure of up.sh, and its report is printed whatever the outcome.
#   long_run <IT class> <property prefix> <report file> <learners> <days> <rounds> [script arguments…]
long_run() {
  local it=$1 prefix=$2 report=$3 learners=$4 days=$5 rounds=$6 settle=20 seed="" status=0
  shift 6
  while [ $# -gt 0 ]; do
    case "$1" in
      --learners) learners=$2; shift 2 ;;
      --days) days=$2; shift 2 ;;
      --rounds) rounds=$2; shift 2 ;;
      --seed) seed=$2; shift 2 ;;
      --settle-minutes) settle=$2; shift 2 ;;
      *) echo "usage: $(basename "$0") [--learners N] [--days D] [--rounds R] [--seed S] [--settle-minutes M]" >&2; return 2 ;;
    esac
  done
  local props=(-D"$prefix".learners="$learners" -D"$prefix".days="$days" -D"$prefix".rounds="$rounds" -D"$prefix".settle-minutes="$settle")
  [ -n "$seed" ] && props+=(-D"$prefix".seed="$seed")
  "$INFRA_DIR/up.sh"
  source "$ENV_FILE"
  (cd "$ROOT_DIR" && ./mvnw -B -q verify -pl infra/system-tests -am \
    -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test="$it" -Dfailsafe.failIfNoSpecifiedTests=false \
    "${props[@]}") || status=$?
  cat "$INFRA_DIR/system-tests/target/$report" 2>/dev/null || true
  return "$status"
}
