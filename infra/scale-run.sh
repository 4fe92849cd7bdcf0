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
long_run ScaleOutIT scale scale-out-run.txt 400 120 2 "$@"
