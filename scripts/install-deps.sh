#!/usr/bin/env bash
# Installs the Debian 12 packages Sala builds and tests with, only those missing.
# Usage: scripts/install-deps.sh [--test]   (--test adds what the test suite needs)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsqlite3-dev libpq-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
  libsodium-dev libcurl4-openssl-dev libexpat1-dev libicu-dev
  libtomlplusplus-dev libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
if [[ "${1:-}" == "--test" ]]; then
  # Browser tests drive Debian's Chromium; Noto covers Khmer in screenshots.
  # The PostgreSQL tests run a throwaway server (scripts/pg-test-server.sh); the
  # notification tests deliver to a real SMTP server (aiosmtpd) on loopback.
  packages+=(sqlite3 curl chromium fonts-noto-core postgresql python3-aiosmtpd)
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
sudo_cmd=()
if ((${#missing[@]} > 0)) && [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The widget's build and test tools, exactly as locked.
widget="$(dirname "$0")/../widget"
if [[ ! -d "$widget/node_modules" || "$widget/package-lock.json" -nt "$widget/node_modules/.package-lock.json" ]]; then
  echo "install-deps: npm ci in widget/"
  (cd "$widget" && npm ci --no-audit --no-fund --loglevel=error)
fi
