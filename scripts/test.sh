#!/usr/bin/env bash
# `npm test`: installs the dev toolchain on a fresh clone, builds dist/ (the nodes are tested as
# n8n loads them), then runs jest: unit tests of lib/, in-process n8n-core workflow runs against
# the loopback emulators. Extra arguments go to jest (e.g. `npm test -- test/unit`).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d node_modules/.bin ] || [ ! -x node_modules/.bin/jest ]; then
  echo "[test] installing dev dependencies (npm ci)" >&2
  npm ci --no-audit --no-fund
fi
npx gulp build
exec npx jest "$@"
