#!/usr/bin/env bash
# `npm run demo`: installs the toolchain on a fresh clone, builds, then runs scripts/demo.ts "$@"
# (real n8n + emulators + example workflows). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/jest ]; then npm ci --no-audit --no-fund; fi
npx gulp build
bash scripts/n8n-runtime.sh ensure >/dev/null
exec env TS_NODE_PROJECT=tsconfig.test.json node -r ts-node/register/transpile-only scripts/demo.ts "$@"
