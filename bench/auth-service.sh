#!/usr/bin/env bash
# Benchmark of auth-service against a baseline measured in the same run: nginx serving a static JSON file of the
# size of a /me answer, loaded by wrk with the same connections and duration. Reports GET /api/v1/auth/me req/s as a
# ratio of nginx's (target >= 0.10), logins/s (bound by bcrypt) and the p99 of both. Any non-2xx fails the run.
#
#   bench/auth-service.sh [duration, default 20s] [connections, default 16]
#
# Runs auth-service with its shipped settings on a throwaway database of the local PostgreSQL (dropped at the end)
# and a private redis-server; nothing but loopback traffic.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

duration=${1:-20s}
connections=${2:-16}
readonly http_port=18180 grpc_port=19190 nginx_port=18190 redis_port=16390
work=$(mktemp -d)
database="tabelogo_bench_$RANDOM$RANDOM"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=SCRIPTDIR/../bin/jdk.sh
source bin/jdk.sh
JAVA_HOME=$(require_jdk)
export JAVA_HOME

for tool in nginx wrk redis-server psql curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench: installing nginx-light and wrk" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null
    break
  fi
done
for tool in nginx wrk redis-server psql curl; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done

jar=services/auth-service/target/auth-service.jar
[[ -f $jar ]] || ./mvnw -q -DskipTests -Dspotless.check.skip=true -pl services/auth-service -am package

# --- baseline: nginx with a static file the size of a /me answer -------------------------------------------------
mkdir -p "$work/nginx/logs" "$work/www"
chmod a+rx "$work" "$work/www" # nginx workers run as an unprivileged user
printf '{"user":{"id":"5e273ab5-5d44-439c-8fae-41eb59247dbc","email":"bench@example.com","username":"bench","role":"user","email_verified":false,"created_at":"2026-11-24T21:24:36.946019Z"}}' \
  >"$work/www/me.json"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
error_log $work/nginx/logs/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $work/www; default_type application/json; }
  }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)

# --- auth-service with its shipped settings ----------------------------------------------------------------------
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" --daemonize no \
  >"$work/redis.log" 2>&1 &
pids+=($!)
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $database"
SERVER_PORT=$http_port TABELOGO_GRPC_PORT=$grpc_port \
  TABELOGO_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/0" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_AUTH_KEY_PASSWORD="bench-$RANDOM$RANDOM" \
  "$JAVA_HOME/bin/java" -jar "$jar" >"$work/auth-service.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$http_port/health/readiness" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$http_port/health/readiness" >/dev/null \
  || { echo "bench: auth-service did not become ready:" >&2; tail -n 20 "$work/auth-service.log" >&2; exit 1; }

base="http://127.0.0.1:$http_port/api/v1/auth"
credentials='{"email":"bench@example.com","password":"ramen-Lover1"}'
curl -sf -H 'Content-Type: application/json' -d '{"email":"bench@example.com","password":"ramen-Lover1","username":"bench"}' \
  "$base/register" >/dev/null
token=$(curl -sf -H 'Content-Type: application/json' -d "$credentials" "$base/login" \
  | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')
[[ -n $token ]] || { echo "bench: login failed" >&2; exit 1; }

cat >"$work/login.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$credentials'
LUA

# Runs wrk, fails on any non-2xx answer or socket error, prints "<req/s> <p99>".
measure() {
  local output
  output=$(wrk --latency -t2 "$@")
  echo "$output" >>"$work/wrk.log"
  if grep -qE 'Non-2xx or 3xx responses|Socket errors' <<<"$output"; then
    echo "bench: errors while loading $*:" >&2
    grep -E 'Non-2xx|Socket errors' <<<"$output" >&2
    exit 1
  fi
  echo "$(awk '/Requests\/sec/ { print $2 }' <<<"$output") $(awk '$1 == "99%" { print $2 }' <<<"$output")"
}

echo "bench: warming up (JIT; not measured, so its errors do not count)" >&2
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$nginx_port/me.json" >/dev/null
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $token" "$base/me" >/dev/null

read -r nginx_rps nginx_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/me.json")
read -r me_rps me_p99 < <(measure -c"$connections" -d"$duration" -H "Authorization: Bearer $token" "$base/me")
read -r login_rps login_p99 < <(measure -c4 -d"$duration" -s "$work/login.lua" "$base/login")

ratio=$(awk -v a="$me_rps" -v b="$nginx_rps" 'BEGIN { printf "%.3f", a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.10) ? "PASS" : "FAIL" }')
cat <<REPORT
auth-service benchmark ($duration, $connections connections; logins with 4), $(nproc) cores
  nginx static JSON     $nginx_rps req/s   p99 $nginx_p99
  GET /api/v1/auth/me   $me_rps req/s   p99 $me_p99   ratio to nginx $ratio (target >= 0.10: $verdict)
  POST /login           $login_rps logins/s   p99 $login_p99   (bcrypt cost 12 per login)
REPORT
[[ $verdict == PASS ]]
