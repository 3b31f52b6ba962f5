#!/usr/bin/env bash
# Benchmark of restaurant-service's resilient read cache against a baseline measured in the same run: nginx serving
# a real GET /api/v1/restaurants/{id} answer as a static file, loaded by wrk with the same connections and duration.
# Reports, for GETs spread over $BENCH_RESTAURANTS (1,000) restaurants:
#   - with a warm cache (memory, then Redis) req/s as a ratio of nginx's   (target >= 0.25)
#     and of a bare Spring Boot endpoint answering the same bytes (bench/bare-endpoint)   (target >= 0.6)
#   - revalidations (If-None-Match with the answer's ETag → 304) as a ratio of nginx's
#   - with Redis stopped (the breaker open: memory, then PostgreSQL) as a ratio of the Redis-up figure (>= 0.7)
# and the p99 of each beside nginx's, and the CPU each request costs the JVM. Any non-2xx/3xx answer fails the run.
# BENCH_PROFILE=1 also records the warm-cache run with JFR and prints its CPU by concern (bench/target/*.jfr);
# BENCH_JAVA_OPTS replaces the JVM options (heap, collector); BENCH_NMT=1 with -XX:NativeMemoryTracking=summary
# among them keeps the JVM's memory by area after the run in bench/target/restaurant-service-nmt.txt.
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
readonly http_port=18182 grpc_port=19192 nginx_port=18192 redis_port=16392 bare_port=18193
database="tabelogo_bench_$RANDOM$RANDOM"
bench_cleanup_more() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" 2>/dev/null || true
}
command -v psql >/dev/null || { echo "bench: psql is required" >&2; exit 1; }
command -v redis-cli >/dev/null || { echo "bench: redis-cli is required" >&2; exit 1; }
jar=$(bench_jar services/restaurant-service)
bare_jar=$(bench_jar bench/bare-endpoint)

bench_nginx "$nginx_port"
bench_redis "$redis_port"
redis_pid=${pids[-1]}
psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $database"
SERVER_PORT=$http_port TABELOGO_GRPC_PORT=$grpc_port \
  TABELOGO_DB_URL="jdbc:postgresql://127.0.0.1:5432/$database" \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/1" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_SERVICE_SECRET="bench-$RANDOM$RANDOM" \
  "$JAVA_HOME/bin/java" "${bench_java_opts[@]}" -jar "$jar" >"$work/restaurant-service.log" 2>&1 &
pids+=($!)
bench_wait_ready restaurant-service "$http_port"

bench_restaurants "$database" "$http_port" "$redis_port" "$restaurants"
first_id=$(head -n 1 "$work/ids")
service_pid=${pids[-1]}

# The bare Spring Boot endpoint answering the same bytes: what the platform's request path is measured against.
BENCH_BODY_FILE="$work/www/restaurant.json" SERVER_PORT=$bare_port \
  "$JAVA_HOME/bin/java" -jar "$bare_jar" >"$work/bare-endpoint.log" 2>&1 &
pids+=($!)
bare_pid=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "http://127.0.0.1:$bare_port/api/v1/restaurants/$first_id" && break
  sleep 1
done

# etag_of <id>: the ETag the restaurant's answer carries.
etag_of() {
  curl -sf -D - -o /dev/null "http://127.0.0.1:$http_port/api/v1/restaurants/$1" | tr -d '\r' \
    | awk 'tolower($1) == "etag:" { print $2 }'
}
# Revalidations: each id with the ETag its answer carries, sent back as If-None-Match.
{
  echo "local paths, etags = {}, {}"
  while read -r id; do
    etag=$(etag_of "$id")
    echo "paths[#paths + 1] = \"/api/v1/restaurants/$id\"; etags[#etags + 1] = '$etag'"
  done <"$work/ids"
  echo 'request = function()'
  echo '  local i = math.random(#paths)'
  echo '  return wrk.format("GET", paths[i], { ["If-None-Match"] = etags[i] })'
  echo 'end'
} >"$work/revalidate.lua"
etag=$(etag_of "$first_id")
status=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" \
  "http://127.0.0.1:$http_port/api/v1/restaurants/$first_id")
[[ $status == 304 ]] || { echo "bench: a matching If-None-Match got $status, not 304" >&2; exit 1; }

echo "bench: warming up (JIT; not measured, so its errors do not count)" >&2
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$nginx_port/restaurant.json" >/dev/null
wrk -t2 -c"$connections" -d30s -s "$work/get.lua" "http://127.0.0.1:$http_port" >/dev/null
wrk -t2 -c"$connections" -d10s -s "$work/revalidate.lua" "http://127.0.0.1:$http_port" >/dev/null
wrk -t2 -c"$connections" -d20s "http://127.0.0.1:$bare_port/api/v1/restaurants/$first_id" >/dev/null

read -r nginx_rps nginx_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/restaurant.json")
cpu_before=$(cpu_seconds "$service_pid")
profile_start "$service_pid" restaurant-service-get
read -r up_rps up_p99 < <(measure -c"$connections" -d"$duration" -s "$work/get.lua" "http://127.0.0.1:$http_port")
profile_report "$service_pid" restaurant-service-get
up_cpu=$(per_request_us "$cpu_before" "$(cpu_seconds "$service_pid")" "$up_rps" "$duration")
up_rss=$(rss_mib "$service_pid")
if [[ ${BENCH_NMT:-} == 1 ]]; then # needs -XX:NativeMemoryTracking=summary in BENCH_JAVA_OPTS
  "$JAVA_HOME/bin/jcmd" "$service_pid" VM.native_memory summary >"$work/nmt.txt" || true
  mkdir -p bench/target && cp "$work/nmt.txt" bench/target/restaurant-service-nmt.txt
fi
cpu_before=$(cpu_seconds "$bare_pid")
read -r bare_rps bare_p99 < <(measure -c"$connections" -d"$duration" \
  "http://127.0.0.1:$bare_port/api/v1/restaurants/$first_id")
bare_cpu=$(per_request_us "$cpu_before" "$(cpu_seconds "$bare_pid")" "$bare_rps" "$duration")
kill "$bare_pid"
cpu_before=$(cpu_seconds "$service_pid")
read -r not_modified_rps not_modified_p99 < <(measure -c"$connections" -d"$duration" -s "$work/revalidate.lua" \
  "http://127.0.0.1:$http_port")
not_modified_cpu=$(per_request_us "$cpu_before" "$(cpu_seconds "$service_pid")" "$not_modified_rps" "$duration")

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
vs_bare=$(ratio "$up_rps" "$bare_rps")
not_modified_ratio=$(ratio "$not_modified_rps" "$nginx_rps")
down_ratio=$(ratio "$down_rps" "$up_rps")
echo "restaurant-service benchmark ($duration, $connections connections, $restaurants restaurants), $(nproc) cores"
printf '  %-42s %10.2f req/s   p99 %s\n' "nginx restaurant.json ($(wc -c <"$work/www/restaurant.json") B)" "$nginx_rps" "$nginx_p99"
printf '  %-42s %10.2f req/s   p99 %s   %s µs CPU/request\n' "bare Spring Boot endpoint, same bytes" \
  "$bare_rps" "$bare_p99" "$bare_cpu"
printf '  %-42s %10.2f req/s   p99 %s   %s µs CPU/request\n' "GET /restaurants/{id}, warm cache" \
  "$up_rps" "$up_p99" "$up_cpu"
echo "    resident memory after the run: $up_rss MiB (JVM options: ${bench_java_opts[*]}; target < 300)"
echo "    / nginx: $warm_ratio (target >= 0.25: $(verdict "$warm_ratio" 0.25))"
echo "    / bare endpoint: $vs_bare (target >= 0.6: $(verdict "$vs_bare" 0.6))"
printf '  %-42s %10.2f req/s   p99 %s   %s µs CPU/request   ratio %s of nginx\n' \
  "GET /restaurants/{id}, If-None-Match → 304" "$not_modified_rps" "$not_modified_p99" "$not_modified_cpu" \
  "$not_modified_ratio"
printf '  %-42s %10.2f req/s   p99 %s   ratio %s of Redis up (target >= 0.7: %s)\n' \
  "GET /restaurants/{id}, Redis stopped" "$down_rps" "$down_p99" "$down_ratio" "$(verdict "$down_ratio" 0.7)"
echo "  Redis calls during the Redis-stopped run: $skipped skipped by the open breaker, $failed tried and failed"
