# Sourced by bench/run.sh: makes mediasoup 3.27.1 importable for bench/mediasoup/server.mjs and
# exports MEDIASOUP_DIR. In order:
#   1. $MEDIASOUP_DIR/node_modules/mediasoup already there (default /opt/mediasoup);
#   2. ../shared/mediasoup/install.sh next to this checkout (the offline development machine:
#      builds the worker from Debian's libraries into $MEDIASOUP_DIR, see its README.md);
#   3. plain `npm install mediasoup@3.27.1` into bench/mediasoup (a machine with internet
#      access: mediasoup's postinstall fetches or builds its worker).
# mediasoup's DTLS writes through a memory BIO with a callback (onSslBioOut in
# worker/src/RTC/DtlsTransport.cpp) that answers 1 after every operation but a plain
# BIO_CB_RETURN, so also after each BIO_ctrl (BIO_CB_CTRL | BIO_CB_RETURN). Debian's OpenSSL 3
# is built with kernel TLS, and ssl3_setup_write_buffer asks the write BIO
# BIO_get_ktls_send() before allocating the record write buffer: the callback's 1 says "kernel
# TLS", no buffer is allocated, and the first record the worker writes (its ServerHello) goes
# to a NULL buffer: SIGSEGV in libssl.so.3 (do_dtls1_write). mediasoup's bundled OpenSSL is
# built without KTLS, where that BIO_ctrl is never made. The fix hands every post-operation
# callback OpenSSL's own result. Returns 0 when it changed the source (the worker must be
# rebuilt), 1 when the source already had it.
mediasoup_patch_bio_callback() {
  local src="$1/worker/src/RTC/DtlsTransport.cpp"
  grep -q '(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1' "$src" || return 1
  sed -i 's/(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1/(operationType \& BIO_CB_RETURN) ? static_cast<long>(ret) : 1/' "$src"
  grep -q '(operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1' "$src"
}

ensure_mediasoup() {
  command -v node >/dev/null 2>&1 || { echo "mediasoup needs Node.js (node) on PATH" >&2; exit 1; }
  export MEDIASOUP_DIR="${MEDIASOUP_DIR:-/opt/mediasoup}"
  local ms="$MEDIASOUP_DIR/node_modules/mediasoup"
  local worker="$ms/worker/out/Release/mediasoup-worker"
  local dtls="$ms/worker/src/RTC/DtlsTransport.cpp"
  if [[ -f "$ms/package.json" && -x "$worker" ]]; then
    # A prebuilt worker (npm on a machine with internet access) carries mediasoup's own
    # OpenSSL, built without KTLS, and needs no fix; one linked against the system's libssl
    # (install.sh's) must be newer than the fixed source, else it is rebuilt.
    [[ "$(ldd "$worker" 2>/dev/null)" == *libssl.so* ]] || return 0
    mediasoup_patch_bio_callback "$ms" || true
    [[ "$worker" -nt "$dtls" ]] && return 0
    echo "rebuilding the mediasoup worker with the BIO callback fix (takes minutes)" >&2
    rm -f "$worker"
  elif [[ -f "$dtls" ]]; then
    mediasoup_patch_bio_callback "$ms" || true
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
    # a fresh directory: install.sh fetched the sources and built them unpatched
    if mediasoup_patch_bio_callback "$ms"; then
      rm -f "$worker"
      MEDIASOUP_DIR="$MEDIASOUP_DIR" "$shared"
    fi
    return
  fi
  if [[ ! -f bench/mediasoup/node_modules/mediasoup/package.json ]]; then
    (cd bench/mediasoup && npm install --no-save mediasoup@3.27.1)
  fi
}
