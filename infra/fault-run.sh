#!/usr/bin/env bash
# The long fault-injection run, on demand (CI runs a short one inside infra/test.sh): posts a known
# event set with 10% duplicates while, round after round, each service is killed with SIGKILL and
# restarted, the Kafka broker is restarted and PostgreSQL is restarted; replays the whole topic;
# then compares every read model with an independent oracle and prints the report
# (also in infra/system-tests/target/fault-run.txt).
#
#   infra/fault-run.sh [--learners N] [--days D] [--rounds R] [--seed S] [--settle-minutes M]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
learners=1000; days=180; rounds=3; settle=20; seed=""
while [ $# -gt 0 ]; do
  case "$1" in
    --learners) learners=$2; shift 2 ;;
    --days) days=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --settle-minutes) settle=$2; shift 2 ;;
    *) echo "usage: $0 [--learners N] [--days D] [--rounds R] [--seed S] [--settle-minutes M]" >&2; exit 2 ;;
  esac
done
props=(-Dfault.learners="$learners" -Dfault.days="$days" -Dfault.rounds="$rounds" -Dfault.settle-minutes="$settle")
[ -n "$seed" ] && props+=(-Dfault.seed="$seed")
"$INFRA_DIR/up.sh"
source "$ENV_FILE"
cd "$ROOT_DIR"
./mvnw -B -q verify -pl event-contracts,profile-service,analytics-service,admin-stats-service,infra/system-tests \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=FaultInjectionIT -Dfailsafe.failIfNoSpecifiedTests=false \
  "${props[@]}" || status=$?
cat "$INFRA_DIR/system-tests/target/fault-run.txt" 2>/dev/null || true
exit "${status:-0}"
