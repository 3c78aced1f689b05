#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the C++ suites
# (unit, integration, crash; the store suites on SQLite and on a throwaway
# PostgreSQL server) and the widget's type check, size budget and browser
# tests against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD  # the EXIT trap runs after the cd into widget/
scripts/install-deps.sh --test
scripts/build.sh -DSALA_BUILD_TESTS=ON

# PostgreSQL tests must run here: without a server (or its read replica)
# they fail, not skip.
eval "$(scripts/pg-test-server.sh start)"
trap '"$root/scripts/pg-test-server.sh" stop "$SALA_TEST_PG_DIR"' EXIT
export SALA_TEST_REQUIRE_PG=1

(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 600)

cd widget
npm run --silent typecheck
npm run --silent size
SALA_BINARY="$PWD/../build/src/cli/sala" npm test
