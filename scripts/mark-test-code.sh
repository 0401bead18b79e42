#!/usr/bin/env bash
# n8n-node lint runs ESLint with n8n's community-node rules on every .ts file in the tree. Those
# rules are for code that runs inside n8n; tests, emulators, benchmarks and scripts never ship
# (package.json `files` is dist/ only), so they carry a file-level opt-out. This adds it where
# missing (idempotent): bash scripts/mark-test-code.sh
set -euo pipefail
cd "$(dirname "$0")/.."
header='/* eslint-disable -- test, emulator, benchmark or script code: never shipped to n8n (package files are dist/ only) */'
find test bench scripts -name '*.ts' -print0 2>/dev/null | while IFS= read -r -d '' file; do
  first=$(head -n 1 "$file")
  if [ "$first" != "$header" ]; then
    # drop an older narrower directive on the first line, then prepend the header
    if [[ "$first" == '/* eslint-disable'* ]]; then tail -n +2 "$file" > "$file.tmp"; else cat "$file" > "$file.tmp"; fi
    { echo "$header"; cat "$file.tmp"; } > "$file"
    rm -f "$file.tmp"
  fi
done
