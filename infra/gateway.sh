#!/usr/bin/env bash
# Runs the API gateway (nginx, gateway-config/) in front of the services.
#   infra/gateway.sh start [--dir DIR] [--port 8080] [--profile 127.0.0.1:8081] [--analytics 127.0.0.1:8082]
#                          [--admin-stats 127.0.0.1:8083] [--origin http://localhost:5173]
#   infra/gateway.sh stop [--dir DIR]
# The configuration files are copied from gateway-config/ (the only source) into DIR/conf, next to
# the two files this environment writes: local.conf (upstreams, allowed origin) and listen.conf.
# Install nginx with: apt-get install -y nginx-light
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command=${1:-}
shift || true
dir="$WORK_DIR/gateway"
port=8080
profile=127.0.0.1:8081
analytics=127.0.0.1:8082
admin_stats=127.0.0.1:8083
origin=http://localhost:5173
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --profile) profile=$2; shift 2 ;;
    --analytics) analytics=$2; shift 2 ;;
    --admin-stats) admin_stats=$2; shift 2 ;;
    --origin) origin=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

case "$command" in
  start)
    [ -x "$nginx_bin" ] || { log "nginx is not installed (apt-get install -y nginx-light)"; exit 1; }
    if [ -f "$dir/logs/nginx.pid" ] && kill -0 "$(cat "$dir/logs/nginx.pid")" 2>/dev/null; then
      "$nginx_bin" -p "$dir" -c conf/nginx.conf -s stop || true
      sleep 0.5
    fi
    mkdir -p "$dir/conf" "$dir/logs" "$dir/cache"
    cp "$ROOT_DIR"/gateway-config/*.conf "$dir/conf/"
    # the web console's static files (console/, without its tests and their npm packages)
    rm -rf "$dir/html/console" && mkdir -p "$dir/html/console"
    tar -C "$ROOT_DIR/console" --exclude=./node_modules --exclude=./tests --exclude='./package*.json' --exclude=./deploy \
      -cf - . | tar -C "$dir/html/console" -xf -
    cat > "$dir/conf/local.conf" <<CONF
upstream profile_service { server $profile; keepalive 32; }
upstream analytics_service { server $analytics; keepalive 32; }
upstream admin_stats_service { server $admin_stats; keepalive 32; }
map \$http_origin \$cors_origin { default ""; "$origin" \$http_origin; }
CONF
    echo "listen 127.0.0.1:$port;" > "$dir/conf/listen.conf"
    "$nginx_bin" -p "$dir" -c conf/nginx.conf -t -q
    "$nginx_bin" -p "$dir" -c conf/nginx.conf
    wait_for_port 127.0.0.1 "$port" 10 "gateway"
    log "gateway: http://127.0.0.1:$port (nginx, logs in $dir/logs); console: http://127.0.0.1:$port/console/"
    ;;
  stop)
    if [ -f "$dir/logs/nginx.pid" ] && kill -0 "$(cat "$dir/logs/nginx.pid")" 2>/dev/null; then
      "$nginx_bin" -p "$dir" -c conf/nginx.conf -s stop
      log "gateway stopped"
    fi
    ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
