#!/usr/bin/env bash
# The long scale-out run, on demand (CI runs a short one inside infra/test.sh): two replicas of every
# service on the same databases and consumer groups; the fault run's event set posted with 10%
# duplicates to both analytics replicas while, round after round, one replica of each service is
# killed with SIGKILL and restarted; then the oracle, the announcements, the leaderboard recomputes,
# a key revocation across all replicas and the fail-over times, printed as a report
# (also in infra/system-tests/target/scale-out-run.txt).
#
#   infra/scale-run.sh [--learners N] [--days D] [--rounds R] [--seed S] [--settle-minutes M]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
learners=400; days=120; rounds=2; settle=20; seed=""
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
props=(-Dscale.learners="$learners" -Dscale.days="$days" -Dscale.rounds="$rounds" -Dscale.settle-minutes="$settle")
[ -n "$seed" ] && props+=(-Dscale.seed="$seed")
"$INFRA_DIR/up.sh"
source "$ENV_FILE"
cd "$ROOT_DIR"
./mvnw -B -q verify -pl event-contracts,test-support,service-foundation,profile-service,analytics-service,admin-stats-service,infra/system-tests \
  -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ScaleOutIT -Dfailsafe.failIfNoSpecifiedTests=false \
  "${props[@]}" || status=$?
cat "$INFRA_DIR/system-tests/target/scale-out-run.txt" 2>/dev/null || true
exit "${status:-0}"
