#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: its own data directory under
# the temp dir, listening on 127.0.0.1 (a free port) and on a unix socket
# inside that directory only, run as a non-root user (`postgres` when
# started by root). With it, a streaming replica of it (pg_basebackup -R)
# on another loopback port, for the read-replica tests.
#
#   eval "$(scripts/pg-test-server.sh start)"   # exports SALA_TEST_PG_URL, SALA_TEST_PG_REPLICA_URL
#                                               # and SALA_TEST_PG_DIR
#   eval "$(scripts/pg-test-server.sh start --no-replica)"   # the primary alone
#   scripts/pg-test-server.sh stop [DIR]        # stops both and deletes DIR (default $SALA_TEST_PG_DIR)
#
# Durability is switched off (fsync = off): the data is thrown away anyway.
# SALA_PG_DURABLE=1 keeps it on, for benchmarks that must pay for commits.
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

# Both servers: a standby needs at least the primary's max_connections.
settings_for() {
  local durability="-c fsync=off -c full_page_writes=off"
  [[ ${SALA_PG_DURABLE:-0} == 1 ]] && durability=""
  echo "-c unix_socket_directories=$1 $durability -c max_connections=300 -c shared_buffers=64MB"
}

# Tries a few random ports for the server in data directory $1 with the
# settings $3; prints the port it took. Another process may hold a port.
start_on_free_port() {
  local data=$1 log=$2 settings=$3 port
  for _ in 1 2 3 4 5 6 7 8; do
    port=$((20000 + RANDOM % 30000))
    if "${as_owner[@]}" "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port $settings" >/dev/null 2>&1; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

# A hot standby of the primary on port $2, in $1/replica, streaming from it.
start_replica() {
  local dir=$1 primary_port=$2 port log="$dir/replica.log"
  "${as_owner[@]}" "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U sala -D "$dir/replica" \
    -R -X stream -c fast --no-sync >"$dir/basebackup.log" 2>&1 \
    || { cat "$dir/basebackup.log" >&2; return 1; }
  if ! port=$(start_on_free_port "$dir/replica" "$log" "$(settings_for "$dir") -c hot_standby=on"); then
    echo "pg-test-server: the replica did not start; its log:" >&2
    tail -n 20 "$log" >&2 || true
    return 1
  fi
  echo "export SALA_TEST_PG_REPLICA_URL='postgresql://sala@127.0.0.1:$port/postgres'"
  echo "pg-test-server: its streaming replica on 127.0.0.1:$port" >&2
}

start() {
  local with_replica=$1 dir port log
  dir=$(mktemp -d "${TMPDIR:-/tmp}/sala-pg.XXXXXX")
  chmod 700 "$dir"
  if ((${#as_owner[@]} > 0)); then chown postgres: "$dir"; fi
  log="$dir/server.log"
  "${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U sala -A trust -E UTF8 --locale=C.UTF-8 --no-sync \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  if port=$(start_on_free_port "$dir/data" "$log" "$(settings_for "$dir")"); then
    echo "pg-test-server: PostgreSQL on 127.0.0.1:$port, data in $dir" >&2
    local replica=""
    # Printed only once everything runs: a half-started pair exports nothing.
    if [[ $with_replica == yes ]] && ! replica=$(start_replica "$dir" "$port"); then
      stop "$dir"
      exit 1
    fi
    echo "export SALA_TEST_PG_URL='postgresql://sala@127.0.0.1:$port/postgres'"
    echo "export SALA_TEST_PG_DIR='$dir'"
    [[ -z "$replica" ]] || echo "$replica"
    return 0
  fi
  echo "pg-test-server: the server did not start; its log:" >&2
  cat "$log" >&2 || true
  rm -rf "$dir"
  exit 1
}

stop() {
  local dir=${1:-${SALA_TEST_PG_DIR:-}}
  [[ -n "$dir" && -d "$dir/data" ]] || { echo "pg-test-server: no server directory to stop (${dir:-unset})" >&2; exit 1; }
  if [[ -f "$dir/replica/postmaster.pid" ]]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/replica" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    case "${2:-}" in
      "") start yes ;;
      --no-replica) start no ;;
      *) echo "usage: $0 start [--no-replica] | stop [DIR]" >&2; exit 2 ;;
    esac
    ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start [--no-replica] | stop [DIR]" >&2; exit 2 ;;
esac
