#!/usr/bin/env bash
# The project's test command: starts the real infrastructure (infra/up.sh) and runs every test
# of every module against it. Extra arguments go to Maven.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
"$INFRA_DIR/up.sh"
source "$ENV_FILE"
log "tests use PostgreSQL $DB_HOST:$DB_PORT and Kafka $KAFKA_BOOTSTRAP_SERVERS"
cd "$ROOT_DIR"
exec ./mvnw -B verify "$@"
