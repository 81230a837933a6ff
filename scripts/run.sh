#!/usr/bin/env bash
# Runs one SFU node on its embedded defaults (src/main/resources/conf/sfu.json), first
# installing a JDK and Maven when they are missing. Environment variables override the
# defaults, e.g. SFU_HTTP_PORT=9000.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
ensure_java_and_maven
exec mvn -B -q compile exec:java
