/**
 * The load generator and harness of issue 6: synthetic WebRTC clients on the project's own
 * media plane (no codecs: a pre-encoded VP8 clip and an Opus frame are replayed, nothing is
 * decoded), the per-packet tag that measures added latency and loss on one clock, signaling to
 * our SFU (docs/protocol.md) behind {@link dev.vertxsfu.bench.BenchTarget} so Janus plugs in as
 * one more target, and the harness ({@link dev.vertxsfu.bench.LoadHarness}, run by
 * {@code bench/run.sh}) that steps the load up and reports CPU per packet, latency, loss and
 * memory.
 *
 * <p>Belongs here: the synthetic peer ({@code SyntheticPeer} and its ICE agent, SRTP streams,
 * SDP builders), media sources and sinks, the target adapters, the scenarios and the reports.
 * Must not: change the server (it measures it from outside, through its signaling and
 * {@code /proc}), or hold locks in the per-packet path (each peer belongs to one
 * {@code PeerLoop} thread). Only the smoke test and the small unit tests run in the suite.
 * The Janus WebSocket client lives in {@code dev.vertxsfu.bench.janus} (another branch).
 */
package dev.vertxsfu.bench;
