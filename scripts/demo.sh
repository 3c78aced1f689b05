#!/usr/bin/env bash
# Installs what is missing, builds, and runs Sala with the demo article page
# at http://127.0.0.1:8080/ (database: ./sala.db). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DSALA_BUILD_TESTS=OFF
echo "Sala demo: open http://127.0.0.1:8080/ (Ctrl-C to stop)"
exec build/src/cli/sala serve --demo "$@"
