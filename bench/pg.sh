#!/usr/bin/env bash
# The core GET and POST benchmarks on PostgreSQL, with one and with two Sala
# instances on one database, beside nginx serving the same bytes, in one run.
#
#   bash bench/pg.sh               # takes /tmp/sala-build.lock itself
#
# 1. installs wrk and nginx-light if missing, builds Sala in Release into
#    build-bench/ (as bench/run.sh does);
# 2. starts a throwaway PostgreSQL (scripts/pg-test-server.sh, loopback, its
#    own data directory) with durable commits (fsync on, the default);
# 3. starts Sala instance A on it, seeds the 200-comment thread through A
#    (bench/seed.py), starts instance B on the same database, and has nginx
#    serve the very bytes of the thread's GET as a static file;
# 4. GET: ROUNDS rounds, taking turns, of nginx, A alone, and A and B together
#    (two wrk processes at once, one per instance, each with half the
#    connections and threads; requests/s summed, the worse p99 shown);
# 5. POST: new comments through A alone, then through A and B together
#    (bench/post.lua counts every answer other than 201);
# 6. prints a markdown table with the load average before and after, and
#    keeps it in bench/results/.
#
# Settings (environment): CONNECTIONS (64, split between the instances when
# there are two), WRK_THREADS (2), DURATION (8, seconds per GET run), ROUNDS
# (2), WARMUP (2), POST_DURATION (10), SKIP_BUILD (0), KEEP_WORK (0).
#
# Each instance has one I/O thread per core, as by default; with two
# instances on one machine they, wrk and PostgreSQL share the same cores, so
# the figures say what one machine does, not what two would. Only the
# ratios within one run are worth comparing.
set -euo pipefail

CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-2}
POST_DURATION=${POST_DURATION:-10}
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
LOCK=/tmp/sala-build.lock
SITE=bench
THREAD=bench-article
GET_PATH="/api/v1/comments?site=$SITE&thread=$THREAD&sort=oldest&limit=50"
SERVER_ON=()
SERVER_THREADS=$(nproc)

# shellcheck source=bench/common.sh
source "$BENCH/common.sh"
take_build_lock "${BASH_SOURCE[0]}" "$@"
ensure_tools
cd "$ROOT"
SALA="$ROOT/build-bench/src/cli/sala"
build_sala

WORK=$(mktemp -d /tmp/sala-bench-pg.XXXXXX)
chmod 755 "$WORK"
PG_DIR=""
NGINX_PID=""
declare -A SALA_PIDS=()
cleanup() {
  local name
  for name in "${!SALA_PIDS[@]}"; do stop_pid "${SALA_PIDS[$name]}" TERM; done
  stop_pid "$NGINX_PID" QUIT
  [[ -z $PG_DIR ]] || "$ROOT/scripts/pg-test-server.sh" stop "$PG_DIR"
  if [[ $KEEP_WORK == 1 ]]; then say "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

say "starting PostgreSQL (durable commits)"
eval "$(SALA_PG_DURABLE=1 "$ROOT/scripts/pg-test-server.sh" start --no-replica)"
PG_DIR=$SALA_TEST_PG_DIR
DB=$SALA_TEST_PG_URL
PG_VERSION=$(psql "$DB" -Atc "SHOW server_version" 2>/dev/null || echo "?")

SALA_CONFIG="$WORK/sala.toml"
printf 'io_threads = %s\nreader_posts_per_hour = 0\nthread_posts_per_minute = 0\nposts_per_minute = 0\n' \
  "$SERVER_THREADS" >"$SALA_CONFIG"
declare -A BASES=()
start_instance() {  # start_instance NAME: `sala serve` on $DB; sets SALA_PIDS[NAME], BASES[NAME]
  local ready="$WORK/$1.ready"
  "$SALA" serve --config "$SALA_CONFIG" --db "$DB" --listen 127.0.0.1:0 --ready-file "$ready" \
    >>"$WORK/sala-$1.log" 2>&1 &
  SALA_PIDS[$1]=$!
  for _ in $(seq 200); do [[ -s $ready ]] && break; sleep 0.1; done
  [[ -s $ready ]] || { cat "$WORK/sala-$1.log" >&2; die "instance $1 did not start within 20 s"; }
  BASES[$1]=$(head -n1 "$ready")
}

"$SALA" site add "$SITE" --origin https://news.example --db "$DB" >/dev/null
start_instance a
say "instance A at ${BASES[a]}; seeding $THREAD"
seeded=$(timeout 300 python3 "$BENCH/seed.py" "${BASES[a]}" "$SITE" "$THREAD" 50 3) || die "seeding failed"
[[ $seeded == 200 ]] || die "seeded $seeded comments, expected 200"
start_instance b
say "instance B at ${BASES[b]}"

mkdir -p "$WORK/nginx/www"
curl -sf --max-time 10 -o "$WORK/nginx/www/thread.json" "${BASES[a]}$GET_PATH" || die "GET of the thread failed"
BYTES=$(stat -c %s "$WORK/nginx/www/thread.json")
start_static_nginx
curl -sf --max-time 5 -o "$WORK/b.body" "${BASES[b]}$GET_PATH"
cmp -s "$WORK/nginx.body" "$WORK/b.body" || die "nginx and instance B do not send the same bytes"

# wrk_at LABEL SECONDS CONNECTIONS THREADS URL [SCRIPT ARGS...]: one wrk run,
# bounded by timeout, its output in $WORK/LABEL.wrk.
wrk_at() {
  local label=$1 secs=$2 conns=$3 threads=$4 url=$5
  shift 5
  local script=()
  if (($#)); then script=(-s "$1"); shift; fi
  timeout $((secs + 60)) wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s --latency \
    "${script[@]}" "$url" ${1+--} "$@" >"$WORK/$label.wrk" 2>&1 ||
    { cat "$WORK/$label.wrk" >&2; die "wrk failed ($label)"; }
}
rps_of() { awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/$1.wrk"; }
p99_of() { to_ms "$(awk '$1 == "99%" { print $2 }' "$WORK/$1.wrk")"; }
errors_of() {
  awk '/Socket errors/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 } /Non-2xx or 3xx/ { e += $NF }
       $1 == "post_other" { e += $2 } END { print e + 0 }' "$WORK/$1.wrk"
}
created_of() { awk '$1 == "post_created" { print $2 }' "$WORK/$1.wrk"; }
secs_of() { awk '/requests in/ { sub(/s,?$/, "", $4); print $4 }' "$WORK/$1.wrk"; }

# measure KIND LABEL SECONDS URL... [-- SCRIPT ARGS...]: one wrk per URL, all at
# once, the connections and threads split between them. Sets M_RATE (summed
# requests/s, or 201 answers/s for POST), M_P99 (the worst) and M_ERRORS.
measure() {
  local kind=$1 label=$2 secs=$3
  shift 3
  local urls=() extra=()
  while (($#)) && [[ $1 != -- ]]; do urls+=("$1"); shift; done
  (($#)) && { shift; extra=("$@"); }
  local n=${#urls[@]} i pids=() labels=()
  local conns=$((CONNECTIONS / n)) threads=$((WRK_THREADS / n > 0 ? WRK_THREADS / n : 1))
  for i in "${!urls[@]}"; do
    labels+=("$label-$i")
    wrk_at "$label-$i" "$secs" "$conns" "$threads" "${urls[$i]}" "${extra[@]}" &
    pids+=($!)
  done
  for i in "${pids[@]}"; do wait "$i" || die "wrk failed ($label)"; done
  M_RATE=0 M_P99=0 M_ERRORS=0
  for i in "${labels[@]}"; do
    local rate
    if [[ $kind == post ]]; then
      rate=$(awk -v n="$(created_of "$i")" -v s="$(secs_of "$i")" 'BEGIN { printf "%.0f", n / s }')
    else
      rate=$(rps_of "$i")
    fi
    M_RATE=$((M_RATE + rate))
    M_P99=$(awk -v a="$M_P99" -v b="$(p99_of "$i")" 'BEGIN { print (b > a ? b : a) }')
    M_ERRORS=$((M_ERRORS + $(errors_of "$i")))
  done
}

declare -A SETUP_URLS=(
  [nginx]="$NGINX_URL"
  [one]="${BASES[a]}$GET_PATH"
  [two]="${BASES[a]}$GET_PATH ${BASES[b]}$GET_PATH"
)
declare -A GET_RATES=() GET_P99S=() GET_ERRORS=()
for round in $(seq "$ROUNDS"); do
  order=(nginx one two)
  ((round % 2)) || order=(two one nginx)
  for setup in "${order[@]}"; do
    # shellcheck disable=SC2086  # the URLs are space-separated
    say "GET $setup, round $round/$ROUNDS: ${WARMUP}s warm-up, ${DURATION}s measured"
    # shellcheck disable=SC2086
    measure get "get-$setup-r$round-warmup" "$WARMUP" ${SETUP_URLS[$setup]}
    # shellcheck disable=SC2086
    measure get "get-$setup-r$round" "$DURATION" ${SETUP_URLS[$setup]}
    GET_RATES[$setup]+="$M_RATE "
    GET_P99S[$setup]+="$M_P99 "
    GET_ERRORS[$setup]=$((${GET_ERRORS[$setup]:-0} + M_ERRORS))
  done
done

POST_URL_A="${BASES[a]}/api/v1/comments"
POST_URL_B="${BASES[b]}/api/v1/comments"
say "POST one instance: ${WARMUP}s warm-up, ${POST_DURATION}s measured"
measure post post-one-warmup "$WARMUP" "$POST_URL_A" -- "$BENCH/post.lua" "$SITE" warmup-one
measure post post-one "$POST_DURATION" "$POST_URL_A" -- "$BENCH/post.lua" "$SITE" post-one
POST_ONE=("$M_RATE" "$M_P99" "$M_ERRORS")
say "POST two instances: ${WARMUP}s warm-up, ${POST_DURATION}s measured"
measure post post-two-warmup "$WARMUP" "$POST_URL_A" "$POST_URL_B" -- "$BENCH/post.lua" "$SITE" warmup-two
measure post post-two "$POST_DURATION" "$POST_URL_A" "$POST_URL_B" -- "$BENCH/post.lua" "$SITE" post-two
POST_TWO=("$M_RATE" "$M_P99" "$M_ERRORS")
# Every acknowledged comment is in the database, seen through either instance.
STORED=$(curl -sf --max-time 10 "${BASES[b]}/api/v1/counts?site=$SITE&thread=post-two" |
         python3 -c "import json, sys; print(json.load(sys.stdin)['counts'].get('post-two', 0))")
ACKED_TWO=$(( $(created_of post-two-0) + $(created_of post-two-1) ))
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# shellcheck disable=SC2086
N_RPS=$(median ${GET_RATES[nginx]}) ONE_RPS=$(median ${GET_RATES[one]}) TWO_RPS=$(median ${GET_RATES[two]})
REPORT="$WORK/report.md"
{
  echo "Sala on PostgreSQL $PG_VERSION, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD)"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), shared by wrk, nginx, PostgreSQL and the Sala instances; load average before: $LOAD_BEFORE, after: $LOAD_AFTER."
  echo "wrk: $CONNECTIONS connections and $WRK_THREADS threads in all, split between the instances; GET: $ROUNDS rounds of ${DURATION}s per setup, in turn, median shown; POST: one run of ${POST_DURATION}s; each after a ${WARMUP}s warm-up. GET response: $BYTES bytes; PostgreSQL with fsync on."
  echo
  echo "| benchmark | setup | requests/s | p99 ms | errors | per round |"
  echo "| --- | --- | ---: | ---: | ---: | --- |"
  for setup in nginx one two; do
    label="nginx (static file)"
    [[ $setup == one ]] && label="Sala, one instance"
    [[ $setup == two ]] && label="Sala, two instances"
    # shellcheck disable=SC2086
    echo "| GET 200-comment thread | $label | $(median ${GET_RATES[$setup]}) | $(median ${GET_P99S[$setup]}) | ${GET_ERRORS[$setup]} | ${GET_RATES[$setup]% } |"
  done
  echo "| POST new comment (201/s) | Sala, one instance | ${POST_ONE[0]} | ${POST_ONE[1]} | ${POST_ONE[2]} | |"
  echo "| POST new comment (201/s) | Sala, two instances | ${POST_TWO[0]} | ${POST_TWO[1]} | ${POST_TWO[2]} | |"
  echo
  echo "- GET Sala/nginx: one instance **$(ratio "$ONE_RPS" "$N_RPS")**, two instances **$(ratio "$TWO_RPS" "$N_RPS")**"
  echo "- two instances / one: GET **$(ratio "$TWO_RPS" "$ONE_RPS")**, POST **$(ratio "${POST_TWO[0]}" "${POST_ONE[0]}")**"
  echo "- POST through two instances: $ACKED_TWO acknowledged with 201, $STORED in the thread afterwards (read through B)"
} >"$REPORT"
mkdir -p "$BENCH/results"
SAVED="$BENCH/results/pg-$(date -u +%Y%m%d-%H%M%S).md"
cp "$REPORT" "$SAVED"
cat "$REPORT"
say "saved to ${SAVED#"$ROOT"/}"
