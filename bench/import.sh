#!/usr/bin/env bash
# The import benchmark: a generated WordPress export of N comments (default
# 1,000,000) imported into a fresh SQLite database; prints the wall time and
# the peak RSS from /usr/bin/time -v, and checks the comments arrived.
#
# Usage: bench/import.sh [N]            (run it under the build lock:
#        flock /tmp/sala-build.lock bash bench/import.sh)
# Env:   SALA_BINARY (default build-bench/src/cli/sala, built in Release if missing),
#        WORK_DIR (default a temp dir; the generated file is kept there for reruns).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-1000000}"
binary="${SALA_BINARY:-build-bench/src/cli/sala}"
if [[ ! -x "$binary" ]]; then
  cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DSALA_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench --target sala -j2
  binary=build-bench/src/cli/sala
fi
[[ -x /usr/bin/time ]] || { echo "bench/import.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
work="${WORK_DIR:-$(mktemp -d)}"
mkdir -p "$work"
file="$work/wxr-$n.xml"
[[ -f "$file" ]] || python3 bench/gen_wxr.py "$file" "$n"
rm -f "$work/bench.db" "$work/bench.db-wal" "$work/bench.db-shm"
"$binary" site add bench --origin https://news.example.org --db "sqlite:$work/bench.db" >/dev/null

echo "importing $(du -h "$file" | cut -f1) ($n comments) with $binary"
/usr/bin/time -v "$binary" import wxr "$file" --site bench --db "sqlite:$work/bench.db" \
  >"$work/summary.txt" 2>"$work/time.txt"
cat "$work/summary.txt"
grep -E "Elapsed|Maximum resident|User time|System time|Percent of CPU" "$work/time.txt"
stored=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from comments').fetchone()[0])" "$work/bench.db")
echo "comments stored: $stored"
