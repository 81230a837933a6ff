#!/usr/bin/env bash
# Runs one SFU node on its embedded defaults (src/main/resources/conf/sfu.json), first
# installing a JDK and Maven when they are missing. Environment variables override the
# defaults, e.g. SFU_HTTP_PORT=9000.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
ensure_java_and_maven
# An OutOfMemoryError ends the process rather than leaving a node that limps (the node runs
# inside Maven's JVM here).
export MAVEN_OPTS="-XX:+ExitOnOutOfMemoryError ${MAVEN_OPTS:-}"
exec mvn -B -q compile exec:java
