/**
 * Janus VideoRoom 1.1.x as the benchmark's point of comparison: everything Janus-specific the
 * load harness ({@code dev.vertxsfu.bench}) needs to drive Janus the way it drives the SFU.
 *
 * <p>Belongs here: {@link dev.vertxsfu.bench.janus.JanusProcess} (a Janus process on
 * loopback, started from the templates and the {@code getifaddrs} shim in {@code bench/janus/}),
 * {@link dev.vertxsfu.bench.janus.JanusVideoRoom} (the Janus WebSocket API: session,
 * transactions, keepalive, VideoRoom requests) and the values they hand out. Must not: hold
 * media (the harness's clients own their peer connections), reach into the SFU's packages, or
 * depend on the rest of {@code bench} (the dependency points from the harness to here).
 * See {@code bench/janus/README.md}.
 */
package dev.vertxsfu.bench.janus;
