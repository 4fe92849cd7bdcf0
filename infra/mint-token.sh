#!/usr/bin/env bash
# Mints an RS256 JWT signed with the local development key (created on first use).
#   infra/mint-token.sh --sub USER_ID [--username NAME] [--name "Full Name"] [--email E] [--zoneinfo Europe/Berlin]
#                       [--groups admin] [--scope "events:write users:write"] [--org ORG_ID:owner ...] [--ttl 3600]
set -euo pipefail
source "$(dirname "$0")/lib.sh"
find_java
exec java "$INFRA_DIR/tools/MintToken.java" --keys "$WORK_DIR/keys" "$@"
