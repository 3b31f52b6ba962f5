#!/usr/bin/env bash
# Benchmark of the gateway's cost: the same cached GET /api/v1/restaurants/{id} sent directly to
# restaurant-service, through nginx as a plain reverse proxy (the floor of any gateway), through Spring Cloud
# Gateway's two engines with one route and nothing else (bench/bare-gateway-webmvc on Tomcat,
# bench/bare-gateway-webflux on Netty: what the engine alone costs), and through the gateway,
# with nginx serving the same answer as a static file, all loaded by wrk with the same connections and duration in
# one run. Reports req/s, p99 and CPU per request of each, and
#   gateway / direct  (target >= 0.5, p99 <= 2 x direct)
# then what the refusals the edge answers itself cost it (429 beyond the login limit, 401 for a bad token).
# Any non-2xx answer to the GETs fails the run. The anonymous rate limit is raised for the run (one client address).
# BENCH_PROFILE=1 also records the gateway run with JFR and prints the gateway's CPU by concern.
#
#   bench/gateway.sh [duration, default 20s] [connections, default 16]
#
# Runs restaurant-service and the gateway with their shipped settings on a throwaway database of the local
# PostgreSQL (dropped at the end) and a private redis-server; nothing but loopback traffic.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
bench_init

duration=${1:-20s}
connections=${2:-16}
restaurants=${BENCH_RESTAURANTS:-1000}
readonly restaurant_port=18282 restaurant_grpc=19282 gateway_port=18200 gateway_management=18201
readonly nginx_port=18292 proxy_port=18293 redis_port=16492 unused_port=18294 webmvc_port=18295 webflux_port=18296
database="tabelogo_bench_$RANDOM$RANDOM"
bench_cleanup_more() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" 2>/dev/null || true
}
command -v psql >/dev/null || { echo "bench: psql is required" >&2; exit 1; }
restaurant_jar=$(bench_jar services/restaurant-service)
gateway_jar=$(bench_jar services/gateway)
webmvc_jar=$(bench_jar bench/bare-gateway-webmvc)
webflux_jar=$(bench_jar bench/bare-gateway-webflux)

bench_nginx "$nginx_port" "$proxy_port" "127.0.0.1:$restaurant_port"
bench_redis "$redis_port"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $database"
SERVER_PORT=$restaurant_port TABELOGO_GRPC_PORT=$restaurant_grpc \
  TABELOGO_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/1" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_SERVICE_SECRET="bench-$RANDOM$RANDOM" \
  TABELOGO_TRUSTED_PROXIES=127.0.0.1 \
  "$JAVA_HOME/bin/java" "${bench_java_opts[@]}" -jar "$restaurant_jar" >"$work/restaurant-service.log" 2>&1 &
pids+=($!)
service_pid=$!
SERVER_PORT=$gateway_port TABELOGO_MANAGEMENT_PORT=$gateway_management \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/4" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_RESTAURANT_URL="http://127.0.0.1:$restaurant_port" TABELOGO_AUTH_URL="http://127.0.0.1:$unused_port" \
  TABELOGO_RATE_LIMIT_ANONYMOUS=1000000000 \
  "$JAVA_HOME/bin/java" "${bench_java_opts[@]}" -jar "$gateway_jar" >"$work/gateway.log" 2>&1 &
pids+=($!)
gateway_pid=$!
for engine in webmvc webflux; do
  port_of="${engine}_port" jar_of="${engine}_jar"
  SERVER_PORT=${!port_of} BENCH_UPSTREAM="http://127.0.0.1:$restaurant_port" \
    "$JAVA_HOME/bin/java" "${bench_java_opts[@]}" -jar "${!jar_of}" >"$work/bare-gateway-$engine.log" 2>&1 &
  pids+=($!)
  printf -v "${engine}_pid" %s $!
done
bench_wait_ready restaurant-service "$restaurant_port"
bench_wait_ready gateway "$gateway_management"
nginx_proxy_pid=$(pgrep -P "$nginx_pid" | head -n 1) # the one worker, which does the proxying

bench_restaurants "$database" "$restaurant_port" "$redis_port" "$restaurants"

echo "bench: warming up (JIT; not measured)" >&2
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$nginx_port/restaurant.json" >/dev/null
wrk -t2 -c"$connections" -d20s -s "$work/get.lua" "http://127.0.0.1:$restaurant_port" >/dev/null
wrk -t2 -c"$connections" -d30s -s "$work/get.lua" "http://127.0.0.1:$gateway_port" >/dev/null
wrk -t2 -c"$connections" -d20s -s "$work/get.lua" "http://127.0.0.1:$webmvc_port" >/dev/null
wrk -t2 -c"$connections" -d20s -s "$work/get.lua" "http://127.0.0.1:$webflux_port" >/dev/null

# Refusals the edge answers itself: logins beyond the 10 a minute of one address (429; auth-service is not running,
# so the first ten get 503), and a token that is not one (401).
cat >"$work/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email": "bench@example.com", "password": "not-the-password"}'
request = function() return wrk.format(nil, "/api/v1/auth/login") end
LUA
# refusals <name> <JFR recording name> <wrk arguments>: req/s of answers that are all refusals, and the gateway's
# CPU per request.
refusals() {
  local name=$1 recording=$2 before output rps
  shift 2
  before=$(cpu_seconds "$gateway_pid")
  profile_start "$gateway_pid" "$recording"
  output=$(wrk -t2 -c"$connections" -d"$duration" "$@")
  profile_report "$gateway_pid" "$recording"
  echo "$output" >>"$work/wrk.log"
  rps=$(awk '/Requests\/sec/ { print $2 }' <<<"$output")
  printf '  %-44s %10.2f req/s   %s µs gateway CPU/request\n' "$name" "$rps" \
    "$(per_request_us "$before" "$(cpu_seconds "$gateway_pid")" "$rps" "$duration")"
}

read -r nginx_rps nginx_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/restaurant.json")
# through <proxy pid, or "" for none> <port> [<name of its JFR recording, when a JVM>]: the GET loaded at that port:
# "<req/s> <p99> <the proxy's CPU µs/request, or -> <the service's CPU µs/request>".
through() {
  local proxy_pid=$1 port=$2 name=${3:-} service_before proxy_before=0 rps p99 proxy_cpu=-
  service_before=$(cpu_seconds "$service_pid")
  [[ -z $proxy_pid ]] || proxy_before=$(cpu_seconds "$proxy_pid")
  [[ -z $name ]] || profile_start "$proxy_pid" "$name"
  read -r rps p99 < <(measure -c"$connections" -d"$duration" -s "$work/get.lua" "http://127.0.0.1:$port")
  [[ -z $name ]] || profile_report "$proxy_pid" "$name" >&2
  [[ -z $proxy_pid ]] || proxy_cpu=$(per_request_us "$proxy_before" "$(cpu_seconds "$proxy_pid")" "$rps" "$duration")
  echo "$rps $p99 $proxy_cpu $(per_request_us "$service_before" "$(cpu_seconds "$service_pid")" "$rps" "$duration")"
}
read -r direct_rps direct_p99 _ direct_cpu < <(through "" "$restaurant_port")
read -r proxy_rps proxy_p99 proxy_cpu proxy_behind < <(through "$nginx_proxy_pid" "$proxy_port")
read -r webmvc_rps webmvc_p99 webmvc_cpu webmvc_behind < <(through "$webmvc_pid" "$webmvc_port" bare-webmvc-get)
read -r webflux_rps webflux_p99 webflux_cpu webflux_behind < <(through "$webflux_pid" "$webflux_port" bare-webflux-get)
read -r gateway_rps gateway_p99 gateway_cpu gateway_behind < <(through "$gateway_pid" "$gateway_port" gateway-get)
gateway_rss=$(rss_mib "$gateway_pid") service_rss=$(rss_mib "$service_pid")

vs_direct=$(ratio "$gateway_rps" "$direct_rps")
echo "gateway benchmark ($duration, $connections connections, $restaurants restaurants), $(nproc) cores"
printf '  %-42s %9.0f req/s  p99 %-8s\n' "nginx restaurant.json ($(wc -c <"$work/www/restaurant.json") B)" "$nginx_rps" "$nginx_p99"
printf '  %-42s %9.0f req/s  p99 %-8s %5s of nginx     service %4s µs CPU/request\n' \
  "GET /restaurants/{id} direct, warm cache" "$direct_rps" "$direct_p99" "$(ratio "$direct_rps" "$nginx_rps")" "$direct_cpu"
# row <name> <req/s> <p99> <proxy CPU> <service CPU>
row() {
  printf '  %-42s %9.0f req/s  p99 %-8s %5s of direct    service %4s, proxy %4s µs CPU/request\n' \
    "$1" "$2" "$3" "$(ratio "$2" "$direct_rps")" "$5" "$4"
}
row "the same through nginx as a reverse proxy" "$proxy_rps" "$proxy_p99" "$proxy_cpu" "$proxy_behind"
row "... through bare SCG WebMVC (Tomcat)" "$webmvc_rps" "$webmvc_p99" "$webmvc_cpu" "$webmvc_behind"
row "... through bare SCG WebFlux (Netty)" "$webflux_rps" "$webflux_p99" "$webflux_cpu" "$webflux_behind"
row "... through the gateway" "$gateway_rps" "$gateway_p99" "$gateway_cpu" "$gateway_behind"
echo "  gateway / direct: $vs_direct (target >= 0.5: $(verdict "$vs_direct" 0.5)); p99 $gateway_p99 vs direct $direct_p99 (target <= 2x)"
echo "  resident memory after the runs: gateway $gateway_rss MiB, restaurant-service $service_rss MiB (${bench_java_opts[*]})"
refusals "logins beyond the limit (429)" gateway-429 -s "$work/login.lua" "http://127.0.0.1:$gateway_port"
refusals "a token that is not one (401)" gateway-401 -H "Authorization: Bearer not-a-token" \
  "http://127.0.0.1:$gateway_port/api/v1/me/favorites"
