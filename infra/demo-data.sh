#!/usr/bin/env bash
# Fills the running system with demo data through the gateway (infra/run.sh --demo calls this).
#   infra/demo-data.sh [--base http://127.0.0.1:8080] [--users 120] [--orgs 2] [--days 365] [--seed 42]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
find_java
mkdir -p "$WORK_DIR/tools"
javac -d "$WORK_DIR/tools" "$INFRA_DIR/tools/MintToken.java" "$INFRA_DIR/tools/DemoData.java"
# progress bars redrawn with carriage returns only on a terminal; plain progress lines in logs and CI
progress=lines; [ -t 2 ] && progress=bar
exec java -cp "$WORK_DIR/tools" DemoData --keys "$WORK_DIR/keys" --progress "$progress" "$@"
