#!/usr/bin/env bash
# Runs the load harness (dev.vertxsfu.bench.LoadHarness) on the test class path.
#   bench/run.sh [harness options]      e.g. bench/run.sh --target all --window 10
#   bench/run.sh record-clip [args]     re-records src/test/resources/bench/clip.ivf
# Not part of the test command: it builds the test classes and runs a JVM of its own, and the
# harness starts the SFU (and Janus) as processes of their own.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/ensure-deps.sh
ensure_java_and_maven
ensure_library libpulse.so.0 libpulse0
ensure_janus
# mediasoup only when a run asks for it: "--target mediasoup|all" or a comma list naming it.
if [[ " $* " =~ --target[[:space:]]+[^[:space:]]*(mediasoup|all) ]]; then
  . bench/mediasoup/ensure.sh
  ensure_mediasoup
fi
mvn -q test-compile
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="target/test-classes:target/classes:$(cat target/bench.classpath)"
main=dev.vertxsfu.bench.LoadHarness
if [[ "${1:-}" == "record-clip" ]]; then
  shift
  main=dev.vertxsfu.bench.Vp8ClipRecorder
fi
exec java ${BENCH_JAVA_OPTS:--Xmx2g} -cp "$cp" "$main" "$@"
