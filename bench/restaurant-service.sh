#!/usr/bin/env bash
# Benchmark of restaurant-service's resilient read cache against a baseline measured in the same run: nginx serving
# a real GET /api/v1/restaurants/{id} answer as a static file, loaded by wrk with the same connections and duration.
# Reports, for GETs spread over $BENCH_RESTAURANTS (1,000) restaurants:
#   - with a warm cache (memory, then Redis) req/s as a ratio of nginx's   (target >= 0.25)
#   - with Redis stopped (the breaker open: memory, then PostgreSQL) as a ratio of the Redis-up figure (>= 0.7)
# and the p99 of each beside nginx's. Any non-2xx answer fails the run.
#
#   bench/restaurant-service.sh [duration, default 20s] [connections, default 16]
#
# Runs restaurant-service with its shipped settings on a throwaway database of the local PostgreSQL (dropped at the
# end) and a private redis-server that the run stops halfway; nothing but loopback traffic.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
bench_init

duration=${1:-20s}
connections=${2:-16}
restaurants=${BENCH_RESTAURANTS:-1000}
readonly http_port=18182 grpc_port=19192 nginx_port=18192 redis_port=16392
database="tabelogo_bench_$RANDOM$RANDOM"
bench_cleanup_more() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" 2>/dev/null || true
}
command -v psql >/dev/null || { echo "bench: psql is required" >&2; exit 1; }
command -v redis-cli >/dev/null || { echo "bench: redis-cli is required" >&2; exit 1; }
jar=$(bench_jar services/restaurant-service)

bench_nginx "$nginx_port"
bench_redis "$redis_port"
redis_pid=${pids[-1]}
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $database"
SERVER_PORT=$http_port TABELOGO_GRPC_PORT=$grpc_port \
  TABELOGO_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/1" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_SERVICE_SECRET="bench-$RANDOM$RANDOM" \
  "$JAVA_HOME/bin/java" -jar "$jar" >"$work/restaurant-service.log" 2>&1 &
pids+=($!)
bench_wait_ready restaurant-service "$http_port"

bench_restaurants "$database" "$http_port" "$redis_port" "$restaurants"
first_id=$(head -n 1 "$work/ids")

echo "bench: warming up (JIT; not measured, so its errors do not count)" >&2
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$nginx_port/restaurant.json" >/dev/null
wrk -t2 -c"$connections" -d30s -s "$work/get.lua" "http://127.0.0.1:$http_port" >/dev/null

read -r nginx_rps nginx_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/restaurant.json")
read -r up_rps up_p99 < <(measure -c"$connections" -d"$duration" -s "$work/get.lua" "http://127.0.0.1:$http_port")

echo "bench: stopping Redis" >&2
kill "$redis_pid"
wait "$redis_pid" 2>/dev/null || true
for _ in $(seq 1 20); do # a few reads open the redis breaker
  curl -sf -o /dev/null "http://127.0.0.1:$http_port/api/v1/restaurants/$first_id"
done
wrk -t2 -c"$connections" -d10s -s "$work/get.lua" "http://127.0.0.1:$http_port" >/dev/null
fallbacks() { # Redis calls answered by the guard's fallback so far, by reason
  curl -sf "http://127.0.0.1:$http_port/metrics" | grep -F 'redis_guard_fallbacks_total{' | grep -F "reason=\"$1\"" \
    | awk '{ sum += $2 } END { printf "%d", sum }'
}
open_before=$(fallbacks circuit_open) failed_before=$(fallbacks failure)
read -r down_rps down_p99 < <(measure -c"$connections" -d"$duration" -s "$work/get.lua" "http://127.0.0.1:$http_port")
skipped=$(($(fallbacks circuit_open) - open_before)) failed=$(($(fallbacks failure) - failed_before))


warm_ratio=$(ratio "$up_rps" "$nginx_rps")
down_ratio=$(ratio "$down_rps" "$up_rps")
echo "restaurant-service benchmark ($duration, $connections connections, $restaurants restaurants), $(nproc) cores"
printf '  %-42s %10.2f req/s   p99 %s\n' "nginx restaurant.json ($(wc -c <"$work/www/restaurant.json") B)" "$nginx_rps" "$nginx_p99"
printf '  %-42s %10.2f req/s   p99 %s   ratio %s (target >= 0.25: %s)\n' "GET /restaurants/{id}, warm cache" \
  "$up_rps" "$up_p99" "$warm_ratio" "$(verdict "$warm_ratio" 0.25)"
printf '  %-42s %10.2f req/s   p99 %s   ratio %s of Redis up (target >= 0.7: %s)\n' \
  "GET /restaurants/{id}, Redis stopped" "$down_rps" "$down_p99" "$down_ratio" "$(verdict "$down_ratio" 0.7)"
echo "  Redis calls during the Redis-stopped run: $skipped skipped by the open breaker, $failed tried and failed"
