#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the C++ suites
# (unit, integration, crash) and the widget's type check, size budget and
# browser tests against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
scripts/build.sh -DSALA_BUILD_TESTS=ON

(cd build && ctest --output-on-failure -j "$(nproc)" --timeout 600)

cd widget
npm run --silent typecheck
npm run --silent size
SALA_BINARY="$PWD/../build/src/cli/sala" npm test
