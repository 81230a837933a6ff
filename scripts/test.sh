#!/usr/bin/env bash
# Runs every test of the project (unit, integration with real libwebrtc peers, headless
# Chromium and Firefox ESR through the demo page, architecture), first installing what the
# tests need when it is missing. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
ensure_java_and_maven
ensure_library libpulse.so.0 libpulse0
ensure_node_and_chromium
ensure_firefox
ensure_yamllint
ensure_janus
ensure_coturn
ensure_iproute2
npm ci --prefix src/test/js --no-audit --no-fund --loglevel=error
npm ci --prefix src/test/k8s-validate --no-audit --no-fund --loglevel=error
exec mvn -B verify "$@"
