#!/usr/bin/env bash
# `npm run test:browser`: builds, makes sure the real n8n runtime is installed, then runs the
# browser suite (test/browser) with Debian's chromium (apt-get install chromium; CHROMIUM_PATH
# overrides /usr/bin/chromium). Screenshots land in .tmp/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/jest ]; then npm ci --no-audit --no-fund; fi
npx gulp build
bash scripts/n8n-runtime.sh ensure >/dev/null
rm -rf .tmp/screenshots
exec npx jest -c jest.browser.config.js --runInBand "$@"
