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
long_run FaultInjectionIT fault fault-run.txt 1000 180 3 "$@"
