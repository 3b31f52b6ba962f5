# Shared by the benchmark scripts (sourced, not run): tools, the nginx baseline, service start-up, wrk runs.
# A script sets `work` (a temp directory) and `pids` (processes to stop) through bench_init, then uses the rest.

bench_init() {
  cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
  work=$(mktemp -d)
  pids=()
  trap bench_cleanup EXIT
  # shellcheck source=SCRIPTDIR/../bin/jdk.sh
  source bin/jdk.sh
  JAVA_HOME=$(require_jdk)
  export JAVA_HOME
  local tool
  for tool in nginx wrk redis-server curl; do
    if ! command -v "$tool" >/dev/null; then
      echo "bench: installing nginx-light and wrk" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light wrk >/dev/null
      break
    fi
  done
  for tool in nginx wrk redis-server curl; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
  done
}

# Scripts may define bench_cleanup_more (e.g. to drop a database); it runs after the processes are stopped.
bench_cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if declare -F bench_cleanup_more >/dev/null; then bench_cleanup_more; fi
  rm -rf "$work"
}

# bench_jar <module dir>: the service's jar, built if missing.
bench_jar() {
  local jar="$1/target/$(basename "$1").jar"
  [[ -f $jar ]] || ./mvnw -q -DskipTests -Dspotless.check.skip=true -pl "$1" -am package >&2
  echo "$jar"
}

# bench_nginx <port> [<proxy port> <upstream host:port>]: nginx serving $work/www on loopback, one worker, no access
# log (its master process is $nginx_pid); with a proxy port, also a plain reverse proxy there to the upstream (kept-alive connections): the floor of
# what any gateway costs.
bench_nginx() {
  mkdir -p "$work/nginx/logs" "$work/www"
  chmod a+rx "$work" "$work/www" # nginx workers run as an unprivileged user
  local proxy=""
  if [[ -n ${2:-} ]]; then
    proxy="upstream service { server $3; keepalive 32; }
  server {
    listen 127.0.0.1:$2;
    location / { proxy_pass http://service; proxy_http_version 1.1; proxy_set_header Connection \"\"; }
  }"
  fi
  cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes 1;
error_log $work/nginx/logs/error.log;
pid $work/nginx/nginx.pid;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$1;
    location / { root $work/www; default_type application/json; }
  }
  $proxy
}
CONF
  nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
  pids+=($!)
  nginx_pid=$!
}

# bench_redis <port>: a throwaway redis-server.
bench_redis() {
  redis-server --port "$1" --bind 127.0.0.1 --save "" --appendonly no --dir "$work" --daemonize no \
    >"$work/redis.log" 2>&1 &
  pids+=($!)
}

# bench_wait_ready <name> <http port>: waits up to 2 minutes for /health/readiness.
bench_wait_ready() {
  local _
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$2/health/readiness" >/dev/null && return 0
    sleep 1
  done
  echo "bench: $1 did not become ready:" >&2
  tail -n 20 "$work/$1.log" >&2
  exit 1
}

# bench_restaurants <database> <restaurant-service HTTP port> <redis port> <count>: writes <count> restaurants as
# quick search stores them straight to the table, has restaurant-service rebuild its id filter from it (dropping the
# filter makes it do so within 30 s), and leaves $work/ids, a real answer as $work/www/restaurant.json (the nginx
# baseline) and $work/get.lua (wrk: GETs spread over all the ids).
bench_restaurants() {
  local db=$1 service_port=$2 redis=$3 count=$4 _
  psql -h 127.0.0.1 -U postgres -d "$db" -qAt >"$work/ids" <<SQL
INSERT INTO restaurants (id, name, area, source, external_id, address, latitude, longitude, rating, price_range,
                         cuisine_type, phone, website, opening_hours, metadata)
SELECT gen_random_uuid(), 'Ramen Bench ' || n, 'Tokyo', 'google', 'ChIJbench' || n, n || '-1 Jinnan, Shibuya, Tokyo',
       35.66 + n / 100000.0, 139.70, 3.5 + (n % 15) / 10.0, '\$\$', 'ramen', '03-1234-' || lpad(n::text, 4, '0'),
       'https://ramen-' || n || '.example.jp/',
       '{"monday": "11:00 AM – 10:00 PM", "tuesday": "11:00 AM – 10:00 PM", "wednesday": "Closed"}',
       '{"types": ["ramen_restaurant", "restaurant"], "user_ratings_total": 812, "open_now": true}'
FROM generate_series(1, $count) AS n
RETURNING id;
SQL
  redis-cli -p "$redis" -n 1 DEL restaurant:v1:ids >/dev/null
  for _ in $(seq 1 90); do
    [[ $(redis-cli -p "$redis" -n 1 EXISTS restaurant:v1:ids) == 1 ]] && break
    sleep 1
  done
  [[ $(redis-cli -p "$redis" -n 1 EXISTS restaurant:v1:ids) == 1 ]] || { echo "bench: id filter not rebuilt" >&2; exit 1; }
  curl -sf "http://127.0.0.1:$service_port/api/v1/restaurants/$(head -n 1 "$work/ids")" >"$work/www/restaurant.json"
  {
    echo "local ids = {"
    sed 's/.*/"&",/' "$work/ids"
    echo "}"
    echo 'request = function() return wrk.format("GET", "/api/v1/restaurants/" .. ids[math.random(#ids)]) end'
  } >"$work/get.lua"
}

# measure <wrk arguments>: runs wrk, fails on any non-2xx answer or socket error, prints "<req/s> <p99>".
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

# ratio <a> <b>: a / b with three decimals.
ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'
}

# verdict <ratio> <target>: PASS or FAIL.
verdict() {
  awk -v r="$1" -v t="$2" 'BEGIN { print (r >= t) ? "PASS" : "FAIL" }'
}

# The JVM options services run with here, as ./tabelogo up starts them (devstack ServiceLaunch.MEMORY);
# BENCH_JAVA_OPTS replaces them to compare heap and collector choices.
read -r -a bench_java_opts <<<"${BENCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx256m}"

# rss_mib <pid>: the process's resident memory now, in MiB.
rss_mib() {
  awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$1/status"
}

# cpu_seconds <pid>: the CPU time (user + system) the process has used so far, in seconds.
cpu_seconds() {
  awk -v tick="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / tick }' "/proc/$1/stat"
}

# per_request_us <cpu seconds before> <after> <req/s> <duration, e.g. 20s>: CPU microseconds per request.
per_request_us() {
  awk -v a="$1" -v b="$2" -v r="$3" -v d="${4%s}" 'BEGIN { printf "%.0f", (b - a) * 1e6 / (r * d) }'
}

# profile_start <pid> <name>: with BENCH_PROFILE=1, a JFR recording (profile settings) of that JVM until
# profile_report; otherwise nothing.
profile_start() {
  [[ ${BENCH_PROFILE:-} == 1 ]] || return 0
  "$JAVA_HOME/bin/jcmd" "$1" JFR.start name=bench settings=profile filename="$work/$2.jfr" >/dev/null
}

# profile_report <pid> <name>: stops the recording, keeps it as bench/target/<name>.jfr and prints the share of CPU
# samples by concern (bench/tools/JfrConcerns.java).
profile_report() {
  [[ ${BENCH_PROFILE:-} == 1 ]] || return 0
  "$JAVA_HOME/bin/jcmd" "$1" JFR.stop name=bench >/dev/null
  mkdir -p bench/target
  cp "$work/$2.jfr" "bench/target/$2.jfr"
  echo "  $2, CPU samples by concern (bench/target/$2.jfr):"
  "$JAVA_HOME/bin/java" bench/tools/JfrConcerns.java "bench/target/$2.jfr" | sed 's/^/    /'
}
