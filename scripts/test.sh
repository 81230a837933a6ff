#!/usr/bin/env bash
# Runs every test of the project (unit, integration with real libwebrtc peers, architecture),
# first installing what the tests need when it is missing. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
ensure_java_and_maven
ensure_library libpulse.so.0 libpulse0
exec mvn -B verify "$@"
