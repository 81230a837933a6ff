# Sourced by bench/run.sh: makes mediasoup 3.27.1 importable for bench/mediasoup/server.mjs and
# exports MEDIASOUP_DIR. In order:
#   1. $MEDIASOUP_DIR/node_modules/mediasoup already there (default /opt/mediasoup);
#   2. ../shared/mediasoup/install.sh next to this checkout (the offline development machine:
#      builds the worker from Debian's libraries into $MEDIASOUP_DIR, see its README.md);
#   3. plain `npm install mediasoup@3.27.1` into bench/mediasoup (a machine with internet
#      access: mediasoup's postinstall fetches or builds its worker).
ensure_mediasoup() {
  command -v node >/dev/null 2>&1 || { echo "mediasoup needs Node.js (node) on PATH" >&2; exit 1; }
  export MEDIASOUP_DIR="${MEDIASOUP_DIR:-/opt/mediasoup}"
  if [[ -f "$MEDIASOUP_DIR/node_modules/mediasoup/package.json" \
        && -x "$MEDIASOUP_DIR/node_modules/mediasoup/worker/out/Release/mediasoup-worker" ]]; then
    return
  fi
  local root shared=""
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  # the main checkout sits beside shared/, a worktree one level deeper (wt/<name>)
  for candidate in "$root/../shared/mediasoup/install.sh" "$root/../../shared/mediasoup/install.sh"; do
    [[ -x "$candidate" ]] && { shared="$candidate"; break; }
  done
  if [[ -n "$shared" ]]; then
    echo "building mediasoup into $MEDIASOUP_DIR with $shared (takes minutes)" >&2
    MEDIASOUP_DIR="$MEDIASOUP_DIR" "$shared"
    return
  fi
  if [[ ! -f bench/mediasoup/node_modules/mediasoup/package.json ]]; then
    (cd bench/mediasoup && npm install --no-save mediasoup@3.27.1)
  fi
}
