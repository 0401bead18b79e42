#!/usr/bin/env bash
# `npm run test:e2e`: builds, makes sure the real n8n runtime is installed (cached in
# ~/.cache/n8n-gestionali-italiani), then runs the jest suites under test/e2e one at a time.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/jest ]; then npm ci --no-audit --no-fund; fi
npx gulp build
bash scripts/n8n-runtime.sh ensure >/dev/null
exec npx jest -c jest.e2e.config.js "$@"
