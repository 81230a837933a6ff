/**
 * A Java client of the signaling protocol (docs/protocol.md v1) on a real libwebrtc peer
 * (webrtc-java): what a browser SDK does, for tests that drive the SFU from outside.
 *
 * <p>Belongs here: the client ({@link dev.vertxsfu.client.SfuWebSocketClient}), its
 * WebSocket request/reply channel, its half of perfect negotiation, its view of the SDP the SFU
 * sends (which m-line carries which publisher track), and tests of it against a scripted SFU
 * and the real one. Must not: reach into server packages (the client knows only the wire
 * protocol), or carry media other than the synthetic sources of {@code testpeer}. It lives in
 * test scope because webrtc-java is a test dependency.
 */
package dev.vertxsfu.client;
