#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: its own data directory under
# the temp dir, listening on 127.0.0.1 (a free port) and on a unix socket
# inside that directory only, run as a non-root user (`postgres` when
# started by root).
#
#   eval "$(scripts/pg-test-server.sh start)"   # exports SALA_TEST_PG_URL and SALA_TEST_PG_DIR
#   scripts/pg-test-server.sh stop [DIR]        # stops it and deletes DIR (default $SALA_TEST_PG_DIR)
#
# Durability is switched off (fsync = off): the data is thrown away anyway.
set -euo pipefail

bin=${SALA_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  echo "pg-test-server: no PostgreSQL server found under /usr/lib/postgresql (install-deps.sh --test installs it)" >&2
  exit 1
fi

as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "pg-test-server: running as root, but there is no postgres user" >&2; exit 1; }
  as_owner=(runuser -u postgres --)
fi

start() {
  local dir port log
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sala-pg.XXXXXX")
  chmod 700 "$dir"
  if ((${#as_owner[@]} > 0)); then chown postgres: "$dir"; fi
  log="$dir/server.log"
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U sala -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  # A random port; another process may hold it, so try a few.
  for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    if "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$log" -w -t 30 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off \
          -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" >/dev/null 2>&1; then
      echo "export SALA_TEST_PG_URL='postgresql://sala@127.0.0.1:$port/postgres'"
      echo "export SALA_TEST_PG_DIR='$dir'"
      echo "pg-test-server: PostgreSQL on 127.0.0.1:$port, data in $dir" >&2
      return 0
    fi
  done
  echo "pg-test-server: the server did not start; its log:" >&2
  cat "$log" >&2 || true
  rm -rf "$dir"
  exit 1
}

stop() {
  local dir=${1:-${SALA_TEST_PG_DIR:-}}
  [[ -n "$dir" && -d "$dir/data" ]] || { echo "pg-test-server: no server directory to stop (${dir:-unset})" >&2; exit 1; }
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop [DIR]" >&2; exit 2 ;;
esac
