#!/usr/bin/env bash
# The core-server benchmark: Sala beside nginx on the same machine, in the same run.
#
#   bash bench/run.sh              # takes /tmp/sala-build.lock itself
#   flock /tmp/sala-build.lock bash bench/run.sh   # also works: the lock is then reused
#
# 1. installs wrk and nginx-light with apt-get if they are missing;
# 2. builds Sala in Release into build-bench/;
# 3. starts `sala serve` on a fresh SQLite file (synchronous=FULL, the default)
#    on 127.0.0.1 and a port the kernel picks, and seeds one thread through the
#    HTTP API: 50 top-level comments with 3 replies each, markdown bodies of
#    200-600 characters (bench/seed.py);
# 4. fetches GET /api/v1/comments?...&limit=50 (all 200 comments in one
#    response) and has nginx, started here with its own config in a temp dir,
#    serve those same bytes as a static file;
# 5. runs wrk with the same threads, connections and duration against both
#    (each run after a warm-up, several rounds in turn), at full load and at
#    a light load;
# 6. posts new comments with wrk and bench/post.lua, which counts every answer
#    other than 201;
# 7. reads Sala's peak RSS (VmHWM), stops it, and checks that no acknowledged
#    comment is lost when the server is killed with SIGKILL under write load;
# 8. prints a markdown table and keeps it in bench/results/.
#
# Settings (environment): WRK_THREADS (2), CONNECTIONS (64), LIGHT_CONNECTIONS
# (8; 0 skips the light-load run), DURATION (10, seconds per GET run), ROUNDS
# (3 GET runs per server and load, taking turns), WARMUP (2),
# POST_DURATION (15), CRASH_CHECK (1; 0 skips it), SKIP_BUILD (0), KEEP_WORK (0),
# PIN (0; 1 runs wrk on CPU 0 and the servers on CPU 1 with one I/O thread or
# worker each, so client and server no longer compete for a core),
# SALA_PRELOAD (a shared library to LD_PRELOAD into `sala serve`, for experiments
# that change the server without rebuilding it; empty by default).
#
# The client (wrk) and the servers share the machine's cores, so absolute
# numbers say little; the ratio to nginx in the same run is what counts.
set -euo pipefail

WRK_THREADS=${WRK_THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
LIGHT_CONNECTIONS=${LIGHT_CONNECTIONS:-8}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-3}
POST_DURATION=${POST_DURATION:-15}
CRASH_CHECK=${CRASH_CHECK:-1}
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}
SALA_PRELOAD=${SALA_PRELOAD:-}
PIN=${PIN:-0}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH="$ROOT/bench"
LOCK=/tmp/sala-build.lock
SITE=bench
THREAD=bench-article          # the thread that GET reads
POST_THREAD=bench-post        # where the measured POSTs go
GET_PATH="/api/v1/comments?site=$SITE&thread=$THREAD&sort=oldest&limit=50"

# shellcheck source=bench/common.sh
source "$BENCH/common.sh"
take_build_lock "${BASH_SOURCE[0]}" "$@"

# --- tools ---------------------------------------------------------------------
ensure_tools

# Where each side runs. By default the kernel schedules wrk and both servers
# over all cores, and each server gets one I/O thread (Sala's default) or
# worker (nginx) per core. With PIN=1, wrk has CPU 0 and the server CPU 1.
if [[ $PIN == 1 ]]; then
  (($(nproc) >= 2)) || die "PIN=1 needs two cores"
  CLIENT_ON=(taskset -c 0)
  SERVER_ON=(taskset -c 1)
  SERVER_THREADS=1
  PLACEMENT="wrk pinned to CPU 0, the server under test to CPU 1 (1 I/O thread / 1 nginx worker)"
else
  CLIENT_ON=()
  SERVER_ON=()
  SERVER_THREADS=$(nproc)
  PLACEMENT="not pinned: wrk and the server share the cores ($SERVER_THREADS Sala I/O threads, $SERVER_THREADS nginx workers)"
fi

# --- build ---------------------------------------------------------------------
cd "$ROOT"
SALA="$ROOT/build-bench/src/cli/sala"
build_sala

# --- work dir, and stopping everything we start -----------------------------------
WORK=$(mktemp -d /tmp/sala-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers (user nobody when started as root) read the file root
SALA_PID=""
NGINX_PID=""
WRK_PID=""

cleanup() {
  stop_pid "$WRK_PID" TERM
  stop_pid "$SALA_PID" TERM
  stop_pid "$NGINX_PID" QUIT  # graceful: the master stops its workers
  if [[ $KEEP_WORK == 1 ]]; then say "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM


DB="$WORK/sala.db"
SALA_CONFIG="$WORK/sala.toml"
# Posting limits off: the POST benchmark is one client posting as fast as it can.
printf 'io_threads = %s\nreader_posts_per_hour = 0\nthread_posts_per_minute = 0\nposts_per_minute = 0\n' \
  "$SERVER_THREADS" >"$SALA_CONFIG"
start_sala() {  # start_sala NAME: serve $DB on a port of the kernel's choosing; sets SALA_PID, BASE
  local ready="$WORK/$1.ready"
  rm -f "$ready"
  "${SERVER_ON[@]}" env ${SALA_PRELOAD:+LD_PRELOAD="$SALA_PRELOAD"} \
    "$SALA" serve --config "$SALA_CONFIG" --db "sqlite:$DB" --listen 127.0.0.1:0 --ready-file "$ready" \
    >>"$WORK/sala.log" 2>&1 &
  SALA_PID=$!
  for _ in $(seq 100); do [[ -s $ready ]] && break; sleep 0.1; done
  [[ -s $ready ]] || { cat "$WORK/sala.log" >&2; die "sala did not start within 10 s"; }
  BASE=$(head -n1 "$ready")
}

# CPU time (utime + stime, in clock ticks) of processes and all their threads.
cpu_ticks() {
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}
nginx_pids() { echo "$NGINX_PID"; ps -o pid= --ppid "$NGINX_PID" | tr -d ' '; }
server_pids() { if [[ $1 == nginx ]]; then nginx_pids; else echo "$SALA_PID"; fi; }


# run_wrk LABEL SERVER DURATION CONNECTIONS URL [SCRIPT ARGS...]
# Runs wrk (bounded by timeout), records its output in $WORK/LABEL.wrk and
# the server's CPU time, and sets R_RPS R_P50 R_P99 R_REQS R_CPU_US, R_SOCKET
# (connect, read, write errors and timeouts) and R_NON2XX (statuses >= 400).
run_wrk() {
  local label=$1 server=$2 secs=$3 conns=$4 url=$5
  shift 5
  local script=()
  if (($#)); then script=(-s "$1"); shift; fi
  local out="$WORK/$label.wrk" before after ticks pids
  mapfile -t pids < <(server_pids "$server")
  before=$(cpu_ticks "${pids[@]}")
  timeout $((secs + 60)) "${CLIENT_ON[@]}" wrk -t"$WRK_THREADS" -c"$conns" -d"${secs}s" --timeout 5s --latency \
      "${script[@]}" "$url" ${1+--} "$@" >"$out" 2>&1 ||
    { cat "$out" >&2; die "wrk failed ($label)"; }
  after=$(cpu_ticks "${pids[@]}")
  ticks=$((after - before))
  R_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")
  R_P50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  R_P99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  R_REQS=$(awk '/requests in/ { print $1 }' "$out")
  R_SOCKET=$(awk '/Socket errors/ { gsub(/,/, ""); e += $4 + $6 + $8 + $10 } END { print e + 0 }' "$out")
  R_NON2XX=$(awk '/Non-2xx or 3xx/ { e += $NF } END { print e + 0 }' "$out")
  R_CPU_US=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v n="$R_REQS" \
               'BEGIN { if (n > 0) printf "%.0f", t / hz * 1e6 / n; else print "?" }')
}

TABLE="$WORK/table.md"
row() {  # row CELL...: one line of the markdown table
  local line="|" cell
  for cell in "$@"; do line+=" $cell |"; done
  echo "$line" >>"$TABLE"
}

# --- Sala, seeded through its API ------------------------------------------------
say "creating the site and starting Sala"
"$SALA" site add "$SITE" --origin https://news.example --db "sqlite:$DB" >/dev/null
start_sala first
say "Sala at $BASE (pid $SALA_PID); seeding $THREAD"
seeded=$(timeout 300 python3 "$BENCH/seed.py" "$BASE" "$SITE" "$THREAD" 50 3) || die "seeding failed"
[[ $seeded == 200 ]] || die "seeded $seeded comments, expected 200"

# --- nginx, serving the very same bytes ------------------------------------------
mkdir -p "$WORK/nginx/www"
curl -sf --max-time 10 -o "$WORK/nginx/www/thread.json" "$BASE$GET_PATH" || die "GET of the thread failed"
python3 - "$WORK/nginx/www/thread.json" <<'EOF' || die "the GET response does not carry 200 comments"
import json, sys
doc = json.load(open(sys.argv[1]))
n = sum(1 + len(c.get("replies", [])) for c in doc["comments"])
sys.exit(0 if n == 200 and doc["next"] is None else 1)
EOF
BYTES=$(stat -c %s "$WORK/nginx/www/thread.json")
start_static_nginx
curl -sf --max-time 5 -o "$WORK/sala.body" "$BASE$GET_PATH"
cmp -s "$WORK/nginx.body" "$WORK/sala.body" || die "nginx and Sala do not send the same bytes"
say "nginx at http://127.0.0.1:$NGINX_PORT (pid $NGINX_PID); both send the same $BYTES bytes"

# --- GET ---------------------------------------------------------------------------
# Tail latency and throughput on a shared machine drift from minute to minute,
# so Sala and nginx take turns: ROUNDS rounds, the order swapped every round,
# each measured run after its own warm-up. The table shows the median round.
row "benchmark" "server" "requests/s" "p50 ms" "p99 ms" "server CPU µs/request" "errors" "requests/s of each round"
row "---" "---" "---:" "---:" "---:" "---:" "---:" "---"


declare -A GET_RPS GET_P99  # medians, by "sala-64", "nginx-8", ...
get_level() {  # get_level CONNECTIONS: ROUNDS rounds of Sala and nginx in turn
  local conns=$1 round name
  local -A rps p50 p99 cpu errs
  for round in $(seq "$ROUNDS"); do
    local order=(sala nginx)
    ((round % 2)) || order=(nginx sala)
    for name in "${order[@]}"; do
      local url="$BASE$GET_PATH"
      [[ $name == nginx ]] && url=$NGINX_URL
      say "GET $name -c$conns, round $round/$ROUNDS: ${WARMUP}s warm-up, ${DURATION}s measured"
      run_wrk "get-$name-c$conns-r$round-warmup" "$name" "$WARMUP" "$conns" "$url"
      run_wrk "get-$name-c$conns-r$round" "$name" "$DURATION" "$conns" "$url"
      rps[$name]+="$R_RPS "
      p50[$name]+="$R_P50 "
      p99[$name]+="$R_P99 "
      cpu[$name]+="$R_CPU_US "
      errs[$name]=$((${errs[$name]:-0} + R_SOCKET + R_NON2XX))
    done
  done
  for name in sala nginx; do
    local label="Sala"
    [[ $name == nginx ]] && label="nginx (static file)"
    # shellcheck disable=SC2086  # the lists are space-separated numbers
    GET_RPS[$name-$conns]=$(median ${rps[$name]})
    # shellcheck disable=SC2086
    GET_P99[$name-$conns]=$(median ${p99[$name]})
    # shellcheck disable=SC2086
    row "GET 200-comment thread, -t$WRK_THREADS -c$conns" "$label" "${GET_RPS[$name-$conns]}" \
        "$(median ${p50[$name]})" "${GET_P99[$name-$conns]}" "$(median ${cpu[$name]})" "${errs[$name]}" \
        "${rps[$name]% }"
  done
}
get_level "$CONNECTIONS"
if [[ $LIGHT_CONNECTIONS -gt 0 ]]; then get_level "$LIGHT_CONNECTIONS"; fi
HWM_AFTER_GET=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SALA_PID/status")

# --- POST --------------------------------------------------------------------------
POST_URL="$BASE/api/v1/comments"
say "POST -c$CONNECTIONS: ${WARMUP}s warm-up, ${POST_DURATION}s measured"
run_wrk post-warmup sala "$WARMUP" "$CONNECTIONS" "$POST_URL" "$BENCH/post.lua" "$SITE" bench-post-warmup
run_wrk post sala "$POST_DURATION" "$CONNECTIONS" "$POST_URL" "$BENCH/post.lua" "$SITE" "$POST_THREAD"
POST_CREATED=$(awk '$1 == "post_created" { print $2 }' "$WORK/post.wrk")
POST_OTHER=$(awk '$1 == "post_other" { print $2 }' "$WORK/post.wrk")
POST_FIRST_OTHER=$(awk '$1 == "post_first_other" { $1 = ""; print }' "$WORK/post.wrk")
POST_SECS=$(awk '/requests in/ { sub(/s,?$/, "", $4); print $4 }' "$WORK/post.wrk")
POST_ACK_RATE=$(awk -v n="$POST_CREATED" -v s="$POST_SECS" 'BEGIN { printf "%.0f", n / s }')
POST_ERRS=$((R_SOCKET + POST_OTHER))
# What the database holds: every acknowledged comment, plus at most the ones
# still in flight when wrk stopped.
STORED=$(curl -sf --max-time 10 "$BASE/api/v1/counts?site=$SITE&thread=$POST_THREAD" |
         python3 -c "import json, sys; print(json.load(sys.stdin)['counts'].get('$POST_THREAD', 0))")
row "POST new comment (SQLite, synchronous=FULL), -t$WRK_THREADS -c$CONNECTIONS" "Sala" \
    "$POST_ACK_RATE" "$R_P50" "$R_P99" "$R_CPU_US" "$POST_ERRS" "(one run of ${POST_DURATION}s)"
POST_SOCKET=$R_SOCKET
if [[ $POST_OTHER -eq 0 && $POST_SOCKET -eq 0 ]]; then POST_ALL_201=1; else POST_ALL_201=0; fi

# --- memory, then an orderly stop ------------------------------------------------------
HWM_END=$(awk '/^VmHWM:/ { print $2 }' "/proc/$SALA_PID/status")
RSS_END=$(awk '/^VmRSS:/ { print $2 }' "/proc/$SALA_PID/status")
NGINX_HWM=0
for pid in $(nginx_pids); do
  NGINX_HWM=$((NGINX_HWM + $(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status")))
done
say "stopping Sala with SIGTERM"
stop_started=$(date +%s.%N)
stop_pid "$SALA_PID" TERM
STOP_SECS=$(awk -v a="$stop_started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
SALA_PID=""

# --- SIGKILL under write load --------------------------------------------------------
CRASH_LINE="skipped (CRASH_CHECK=0)"
if [[ $CRASH_CHECK == 1 ]]; then
  start_sala crash
  say "POST for 3 s, then SIGKILL to Sala (pid $SALA_PID)"
  timeout 60 "${CLIENT_ON[@]}" wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d6s --timeout 2s -s "$BENCH/post.lua" \
      "$BASE/api/v1/comments" -- "$SITE" bench-crash >"$WORK/crash.wrk" 2>&1 &
  WRK_PID=$!
  sleep 3
  kill -KILL "$SALA_PID"
  wait "$SALA_PID" 2>/dev/null || true
  SALA_PID=""
  wait "$WRK_PID" || true
  WRK_PID=""
  ACKED=$(awk '$1 == "post_created" { print $2 }' "$WORK/crash.wrk")
  start_sala restarted
  KEPT=$(curl -sf --max-time 10 "$BASE/api/v1/counts?site=$SITE&thread=bench-crash" |
         python3 -c "import json, sys; print(json.load(sys.stdin)['counts'].get('bench-crash', 0))")
  if [[ $ACKED -gt 0 && $KEPT -ge $ACKED ]]; then
    CRASH_LINE="kept $KEPT comments after SIGKILL; $ACKED had been acknowledged with 201: none lost"
  else
    CRASH_LINE="LOST: $ACKED acknowledged with 201, only $KEPT in the database after restart"
  fi
fi

# --- report --------------------------------------------------------------------------
S_RPS=${GET_RPS[sala-$CONNECTIONS]}
N_RPS=${GET_RPS[nginx-$CONNECTIONS]}
S_P99=${GET_P99[sala-$CONNECTIONS]}
RATIO=$(ratio "$S_RPS" "$N_RPS")
verdict() { if [[ $1 == 1 ]]; then echo "met"; else echo "NOT met"; fi; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }' && echo 1 || echo 0; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }' && echo 1 || echo 0; }

REPORT="$WORK/report.md"
{
  dirty=""
  [[ -n $(git -C "$ROOT" status --porcelain -- src cmake CMakeLists.txt 2>/dev/null) ]] && dirty=" (with uncommitted changes under src/ or cmake/)"
  echo "Sala benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$dirty"
  echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')), shared by wrk and the server under test."
  [[ -n $SALA_PRELOAD ]] && echo "EXPERIMENT: sala serve ran with LD_PRELOAD=$SALA_PRELOAD"
  echo "placement: $PLACEMENT."
  echo "wrk -t$WRK_THREADS; GET: $ROUNDS rounds of ${DURATION}s per server and load, Sala and nginx in turn, median shown;"
  echo "POST: one run of ${POST_DURATION}s; every run after a ${WARMUP}s warm-up. GET response: $BYTES bytes."
  echo
  cat "$TABLE"
  echo
  if [[ $LIGHT_CONNECTIONS -gt 0 ]]; then
    LS_RPS=${GET_RPS[sala-$LIGHT_CONNECTIONS]}
    LN_RPS=${GET_RPS[nginx-$LIGHT_CONNECTIONS]}
    LS_P99=${GET_P99[sala-$LIGHT_CONNECTIONS]}
    LRATIO=$(ratio "$LS_RPS" "$LN_RPS")
  fi
  echo "- GET Sala/nginx at -c$CONNECTIONS: **$RATIO** ($S_RPS / $N_RPS requests/s)${LRATIO:+; at -c$LIGHT_CONNECTIONS: **$LRATIO**}"
  echo "- Sala peak RSS (VmHWM): $((HWM_AFTER_GET / 1024)) MB after GET, **$((HWM_END / 1024)) MB** at the end (VmRSS $((RSS_END / 1024)) MB); nginx master + workers: $((NGINX_HWM / 1024)) MB"
  echo "- POST: $POST_CREATED answered 201 in ${POST_SECS}s, $POST_OTHER other answers${POST_FIRST_OTHER:+ (first: $POST_FIRST_OTHER)}, $POST_SOCKET transport errors; the thread holds $STORED comments (acknowledged + in flight at the stop)"
  echo "- SIGTERM: Sala stopped in ${STOP_SECS}s"
  echo "- SIGKILL under POST load: $CRASH_LINE"
  echo
  echo "Targets (docs/benchmarks.md explains them):"
  echo "- GET ≥ 0.5 × nginx requests/s at -c$CONNECTIONS: $(verdict "$(ge "$RATIO" 0.5)") ($RATIO)"
  echo "- GET p99 < 5 ms at -c$CONNECTIONS: $(verdict "$(lt "$S_P99" 5)") ($S_P99 ms)"
  if [[ $LIGHT_CONNECTIONS -gt 0 ]]; then
    echo "- GET p99 < 5 ms at -c$LIGHT_CONNECTIONS, while ≥ 0.5 × nginx's -c$CONNECTIONS requests/s: $(verdict "$(( $(lt "$LS_P99" 5) && $(ge "$(ratio "$LS_RPS" "$N_RPS")" 0.5) ))") ($LS_P99 ms, $LS_RPS requests/s)"
  fi
  echo "- RSS < 30 MB: $(verdict "$(lt "$HWM_END" $((30 * 1024)))") ($((HWM_END / 1024)) MB)"
  echo "- POST ≥ 2,000 acknowledged/s, every answer 201: $(verdict "$(( $(ge "$POST_ACK_RATE" 2000) && POST_ALL_201 ))") ($POST_ACK_RATE/s; every answer 201: $( ((POST_ALL_201)) && echo yes || echo no))"
  echo "- POST ≥ 5,000 acknowledged/s (product brief): $(verdict "$(( $(ge "$POST_ACK_RATE" 5000) && POST_ALL_201 ))")"
} >"$REPORT"

mkdir -p "$BENCH/results"
SAVED="$BENCH/results/$(date -u +%Y%m%d-%H%M%S).md"
cp "$REPORT" "$SAVED"
cat "$REPORT"
say "saved to ${SAVED#"$ROOT"/}; raw wrk output is in the work dir (KEEP_WORK=1 keeps it)"
