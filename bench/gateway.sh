#!/usr/bin/env bash
# Benchmark of the gateway's cost: the same cached GET /api/v1/restaurants/{id} sent through the gateway and
# directly to restaurant-service, and nginx serving the same answer as a static file, all loaded by wrk with the
# same connections and duration in one run. Reports req/s and p99 of the three and the ratios
#   gateway / direct  (target >= 0.6)      gateway / nginx  (target >= 0.15)
# Any non-2xx answer fails the run. The gateway's rate limits are raised for the run (one client address).
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
readonly nginx_port=18292 redis_port=16492
database="tabelogo_bench_$RANDOM$RANDOM"
bench_cleanup_more() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" 2>/dev/null || true
}
command -v psql >/dev/null || { echo "bench: psql is required" >&2; exit 1; }
restaurant_jar=$(bench_jar services/restaurant-service)
gateway_jar=$(bench_jar services/gateway)

bench_nginx "$nginx_port"
bench_redis "$redis_port"
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $database"
SERVER_PORT=$restaurant_port TABELOGO_GRPC_PORT=$restaurant_grpc \
  TABELOGO_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/1" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_SERVICE_SECRET="bench-$RANDOM$RANDOM" \
  TABELOGO_TRUSTED_PROXIES=127.0.0.1 \
  "$JAVA_HOME/bin/java" -jar "$restaurant_jar" >"$work/restaurant-service.log" 2>&1 &
pids+=($!)
SERVER_PORT=$gateway_port TABELOGO_MANAGEMENT_PORT=$gateway_management \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/4" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_RESTAURANT_URL="http://127.0.0.1:$restaurant_port" \
  TABELOGO_RATE_LIMIT_ANONYMOUS=1000000000 \
  "$JAVA_HOME/bin/java" -jar "$gateway_jar" >"$work/gateway.log" 2>&1 &
pids+=($!)
bench_wait_ready restaurant-service "$restaurant_port"
bench_wait_ready gateway "$gateway_management"

bench_restaurants "$database" "$restaurant_port" "$redis_port" "$restaurants"

echo "bench: warming up (JIT; not measured)" >&2
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$nginx_port/restaurant.json" >/dev/null
wrk -t2 -c"$connections" -d20s -s "$work/get.lua" "http://127.0.0.1:$restaurant_port" >/dev/null
wrk -t2 -c"$connections" -d30s -s "$work/get.lua" "http://127.0.0.1:$gateway_port" >/dev/null

read -r nginx_rps nginx_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/restaurant.json")
read -r direct_rps direct_p99 < <(measure -c"$connections" -d"$duration" -s "$work/get.lua" "http://127.0.0.1:$restaurant_port")
read -r gateway_rps gateway_p99 < <(measure -c"$connections" -d"$duration" -s "$work/get.lua" "http://127.0.0.1:$gateway_port")

vs_direct=$(ratio "$gateway_rps" "$direct_rps")
vs_nginx=$(ratio "$gateway_rps" "$nginx_rps")
echo "gateway benchmark ($duration, $connections connections, $restaurants restaurants), $(nproc) cores"
printf '  %-44s %10.2f req/s   p99 %s\n' "nginx restaurant.json ($(wc -c <"$work/www/restaurant.json") B)" "$nginx_rps" "$nginx_p99"
printf '  %-44s %10.2f req/s   p99 %s\n' "GET /restaurants/{id} direct, warm cache" "$direct_rps" "$direct_p99"
printf '  %-44s %10.2f req/s   p99 %s\n' "GET /restaurants/{id} through the gateway" "$gateway_rps" "$gateway_p99"
echo "  gateway / direct: $vs_direct (target >= 0.6: $(verdict "$vs_direct" 0.6))"
echo "  gateway / nginx:  $vs_nginx (target >= 0.15: $(verdict "$vs_nginx" 0.15))"
