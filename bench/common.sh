# Shared by the benchmark scripts: logging, the build lock, stopping what
# they start, and the small number helpers of their reports. Sourced, with
# LOCK set by the caller.

say() { printf '[bench] %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Nothing else may build while we measure. If an ancestor (such as
# `flock /tmp/sala-build.lock bash bench/run.sh`) already holds the lock,
# taking it again would wait forever; otherwise re-run under the lock.
lock_held_by_ancestor() {
  [[ -e $LOCK ]] || return 1
  local inode holders pid
  inode=$(stat -c %i "$LOCK")
  # /proc/locks: "N: FLOCK ADVISORY WRITE PID MAJ:MIN:INODE START END"
  holders=$(awk -v ino="$inode" '$2 == "FLOCK" && $4 == "WRITE" {
              n = split($6, part, ":"); if (part[n] == ino) print $5 }' /proc/locks)
  [[ -n $holders ]] || return 1
  pid=$$
  while [[ $pid -gt 1 ]]; do
    grep -qx "$pid" <<<"$holders" && return 0
    pid=$(awk '{ sub(/.*\) /, ""); print $2 }' "/proc/$pid/stat" 2>/dev/null) || return 1
  done
  return 1
}
# take_build_lock SCRIPT ARGS...: re-runs SCRIPT under the lock unless an
# ancestor holds it already.
take_build_lock() {
  lock_held_by_ancestor && return 0
  say "waiting for $LOCK (held for the whole run, so no build competes)"
  exec flock -w 3600 "$LOCK" bash "$@"
}

stop_pid() {  # stop_pid PID SIGNAL: signal, wait up to 10 s, then SIGKILL
  local pid=$1 sig=$2
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 0
  kill "-$sig" "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wrk prints latencies as 812.00us, 3.61ms or 1.20s; the table uses ms.
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "?" }'
}

median() {  # median NUMBER...
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 }
    END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }'; }

# Installs wrk, nginx-light and the build tools with apt-get when missing
# (as root); sets NGINX.
ensure_tools() {
  missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  command -v python3 >/dev/null || missing+=(python3)
  command -v cmake >/dev/null || missing+=(cmake)
  command -v ninja >/dev/null || missing+=(ninja-build)
  if ((${#missing[@]})); then
    [[ $(id -u) -eq 0 ]] || die "please install: ${missing[*]}"
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  NGINX=$(command -v nginx || echo /usr/sbin/nginx)
}

# Builds `sala` in Release into build-bench/ unless SKIP_BUILD=1; SALA is
# its path. Runs in ROOT.
build_sala() {
  if [[ $SKIP_BUILD != 1 ]]; then
    say "building Sala (Release) in build-bench/"
    timeout 600 cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSALA_BUILD_TESTS=OFF >/dev/null ||
      die "cmake failed (build dependencies: scripts/install-deps.sh)"
    # We already hold the lock: building under it again would wait for ourselves.
    timeout 1800 cmake --build build-bench --target sala -j2 >/dev/null || die "the build failed"
  fi
  [[ -x $SALA ]] || die "no binary at $SALA"
}

# nginx serving $WORK/nginx/www/thread.json with the same headers as Sala's,
# with SERVER_THREADS workers under SERVER_ON; sets NGINX_PID and NGINX_URL.
start_static_nginx() {
  mkdir -p "$WORK/nginx/temp"
  chmod -R a+rX "$WORK/nginx/www"
  NGINX_PORT=$(free_port)
  # Same response headers as Sala's where they are not about the file itself;
  # no access log (Sala keeps none per request either).
  cat >"$WORK/nginx/nginx.conf" <<EOF
daemon off;
worker_processes $SERVER_THREADS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/temp/body;
  proxy_temp_path $WORK/nginx/temp/proxy;
  fastcgi_temp_path $WORK/nginx/temp/fastcgi;
  uwsgi_temp_path $WORK/nginx/temp/uwsgi;
  scgi_temp_path $WORK/nginx/temp/scgi;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  server_tokens off;
  default_type "application/json; charset=utf-8";
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/nginx/www;
    location / {
      add_header Cache-Control no-cache;
      add_header Vary Origin;
      add_header X-Content-Type-Options nosniff;
      add_header Referrer-Policy no-referrer;
      add_header Cross-Origin-Resource-Policy cross-origin;
    }
  }
}
EOF
  "${SERVER_ON[@]}" "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" >"$WORK/nginx/out.log" 2>&1 &
  NGINX_PID=$!
  NGINX_URL="http://127.0.0.1:$NGINX_PORT/thread.json"
  for _ in $(seq 100); do curl -sf --max-time 1 -o /dev/null "$NGINX_URL" && break; sleep 0.1; done
  curl -sf --max-time 5 -o "$WORK/nginx.body" "$NGINX_URL" || { cat "$WORK/nginx/error.log" >&2; die "nginx did not start"; }
}
