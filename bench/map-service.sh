#!/usr/bin/env bash
# Benchmark of map-service (offline provider) against a baseline measured in the same run: nginx serving, as static
# files, an answer of each endpoint, loaded by wrk with the same connections and duration. Reports:
#   - cached POST /quick_search (one place, always a cache hit) req/s as a ratio of nginx's   (target >= 0.15)
#   - POST /advance_search over the whole dataset (a rectangle around Japan; queries, limits and rectangle edges
#     vary per request, so nearly every request misses the cache and ranks all places) as a ratio (target >= 0.05)
# and the p99 of each beside nginx's. Rate limits and the provider quota are raised for the run (by environment,
# as an operator would); any non-2xx answer fails it. Requests come from many clients, as behind the gateway: the
# loopback address is trusted as a proxy and each request names one of $BENCH_CLIENTS clients (default 500) in
# X-Forwarded-For, so the per-client limiter works on many buckets, each client coming back now and then (one
# client at thousands of requests a second is not a real load, nor is a new client on every request).
#
#   bench/map-service.sh [duration, default 20s] [connections, default 16]
#
# Runs map-service with its shipped settings otherwise, on a private redis-server; nothing but loopback traffic.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh"
bench_init

duration=${1:-20s}
connections=${2:-16}
clients=${BENCH_CLIENTS:-500}
readonly http_port=18181 grpc_port=19191 nginx_port=18191 redis_port=16391
jar=$(bench_jar services/map-service)

bench_nginx "$nginx_port"
bench_redis "$redis_port"
SERVER_PORT=$http_port TABELOGO_GRPC_PORT=$grpc_port TABELOGO_MAP_PROVIDER=offline \
  TABELOGO_REDIS_URL="redis://127.0.0.1:$redis_port/2" TABELOGO_SHARED_REDIS_URL="redis://127.0.0.1:$redis_port/5" \
  TABELOGO_MAP_RATE_LIMIT_QUICK_SEARCH=1000000000 TABELOGO_MAP_RATE_LIMIT_ADVANCE_SEARCH=1000000000 \
  TABELOGO_MAP_QUOTA_PER_MINUTE=1000000000 TABELOGO_TRUSTED_PROXIES=127.0.0.1 \
  "$JAVA_HOME/bin/java" "${bench_java_opts[@]}" -jar "$jar" >"$work/map-service.log" 2>&1 &
pids+=($!)
bench_wait_ready map-service "$http_port"

base="http://127.0.0.1:$http_port/api/v1/map"
japan='{"rectangle":{"low":{"latitude":30.0,"longitude":128.0},"high":{"latitude":46.0,"longitude":146.0}}}'

# Baselines: real answers of each endpoint, served by nginx.
curl -sf -H 'Content-Type: application/json' \
  -d "{\"text_query\":\"ramen\",\"max_result_count\":10,\"location_bias\":$japan}" "$base/advance_search" \
  >"$work/www/advance.json"
place_id=$(sed -n 's/^{"places":\[{"id":"\([^"]*\)".*/\1/p' "$work/www/advance.json")
[[ -n $place_id ]] || { echo "bench: no place found to look up" >&2; exit 1; }
quick_body="{\"place_id\":\"$place_id\",\"language_code\":\"en\"}"
curl -sf -H 'Content-Type: application/json' -d "$quick_body" "$base/quick_search" >/dev/null # fills the cache
curl -sf -H 'Content-Type: application/json' -d "$quick_body" "$base/quick_search" >"$work/www/quick.json"
grep -q '"source":"cache"' "$work/www/quick.json" || { echo "bench: quick_search is not cached" >&2; exit 1; }

cat >"$work/client.lua" <<LUA
function headers()
  local client = math.random(0, $clients - 1)
  return { ["Content-Type"] = "application/json",
           ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.floor(client / 65536), math.floor(client / 256) % 256, client % 256) }
end
LUA
cat "$work/client.lua" - >"$work/quick.lua" <<LUA
request = function() return wrk.format("POST", nil, headers(), '$quick_body') end
LUA
cat "$work/client.lua" - >"$work/advance.lua" <<'LUA'
local queries = { "ramen", "sushi", "izakaya tokyo", "kyoto kaiseki", "osaka takoyaki", "cafe", "yakitori",
  "sapporo soup curry", "fukuoka motsunabe", "tempura", "soba", "shibuya", "ginza sushi", "udon", "bar" }
request = function()
  local body = string.format(
    '{"text_query":"%s","max_result_count":%d,"rank_preference":"%s","location_bias":{"rectangle":' ..
    '{"low":{"latitude":%.5f,"longitude":%.5f},"high":{"latitude":46.0,"longitude":146.0}}}}',
    queries[math.random(#queries)], math.random(5, 20), math.random(2) == 1 and "RELEVANCE" or "DISTANCE",
    30 + math.random(0, 99999) / 100000, 128 + math.random(0, 99999) / 100000)
  return wrk.format("POST", nil, headers(), body)
end
LUA

echo "bench: warming up (JIT; not measured, so its errors do not count)" >&2
wrk -t2 -c"$connections" -d5s "http://127.0.0.1:$nginx_port/quick.json" >/dev/null
wrk -t2 -c"$connections" -d30s -s "$work/quick.lua" "$base/quick_search" >/dev/null
wrk -t2 -c"$connections" -d30s -s "$work/advance.lua" "$base/advance_search" >/dev/null

read -r nginx_quick_rps nginx_quick_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/quick.json")
read -r quick_rps quick_p99 < <(measure -c"$connections" -d"$duration" -s "$work/quick.lua" "$base/quick_search")
read -r nginx_advance_rps nginx_advance_p99 < <(measure -c"$connections" -d"$duration" "http://127.0.0.1:$nginx_port/advance.json")
read -r advance_rps advance_p99 < <(measure -c"$connections" -d"$duration" -s "$work/advance.lua" "$base/advance_search")

quick_ratio=$(ratio "$quick_rps" "$nginx_quick_rps")
advance_ratio=$(ratio "$advance_rps" "$nginx_advance_rps")
quick_verdict=$(verdict "$quick_ratio" 0.15)
advance_verdict=$(verdict "$advance_ratio" 0.05)
cat <<REPORT
map-service benchmark ($duration, $connections connections, $clients clients), $(nproc) cores, offline dataset
  nginx quick.json ($(wc -c <"$work/www/quick.json") B)      $nginx_quick_rps req/s   p99 $nginx_quick_p99
  POST /quick_search (cached)        $quick_rps req/s   p99 $quick_p99   ratio $quick_ratio (target >= 0.15: $quick_verdict)
  nginx advance.json ($(wc -c <"$work/www/advance.json") B)   $nginx_advance_rps req/s   p99 $nginx_advance_p99
  POST /advance_search (all places)  $advance_rps req/s   p99 $advance_p99   ratio $advance_ratio (target >= 0.05: $advance_verdict)
REPORT
[[ $quick_verdict == PASS && $advance_verdict == PASS ]]
