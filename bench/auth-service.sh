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
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
bench_init

duration=${1:-20s}
connections=${2:-16}
readonly http_port=18180 grpc_port=19190 nginx_port=18190 redis_port=16390
database="tabelogo_bench_$RANDOM$RANDOM"
bench_cleanup_more() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" 2>/dev/null || true
}
command -v psql >/dev/null || { echo "bench: psql is required" >&2; exit 1; }
jar=$(bench_jar services/auth-service)

# --- baseline: nginx with a static file the size of a /me answer -------------------------------------------------
bench_nginx "$nginx_port"
printf '{"user":{"id":"5e273ab5-5d44-439c-8fae-41eb59247dbc","email":"bench@example.com","username":"bench","role":"user","email_verified":false,"created_at":"2026-11-24T21:24:36.946019Z"}}' \
  >"$work/www/me.json"

# --- auth-service with its shipped settings ----------------------------------------------------------------------
bench_redis "$redis_port"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $database"
SERVER_PORT=$http_port TABELOGO_GRPC_PORT=$grpc_port \
  TABELOGO_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/0" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_AUTH_KEY_PASSWORD="bench-$RANDOM$RANDOM" \
  "$JAVA_HOME/bin/java" "${bench_java_opts[@]}" -jar "$jar" >"$work/auth-service.log" 2>&1 &
pids+=($!)
bench_wait_ready auth-service "$http_port"

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

echo "bench: warming up (JIT; not measured, so its errors do not count)" >&2
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$nginx_port/me.json" >/dev/null
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $token" "$base/me" >/dev/null

read -r nginx_rps nginx_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/me.json")
read -r me_rps me_p99 < <(measure -c"$connections" -d"$duration" -H "Authorization: Bearer $token" "$base/me")
read -r login_rps login_p99 < <(measure -c4 -d"$duration" -s "$work/login.lua" "$base/login")

ratio=$(ratio "$me_rps" "$nginx_rps")
verdict=$(verdict "$ratio" 0.10)
cat <<REPORT
auth-service benchmark ($duration, $connections connections; logins with 4), $(nproc) cores
  nginx static JSON     $nginx_rps req/s   p99 $nginx_p99
  GET /api/v1/auth/me   $me_rps req/s   p99 $me_p99   ratio to nginx $ratio (target >= 0.10: $verdict)
  POST /login           $login_rps logins/s   p99 $login_p99   (bcrypt cost 12 per login)
REPORT
[[ $verdict == PASS ]]
