/**
 * Congestion control on shaped links: a network namespace behind a veth pair whose root side
 * is rate-limited with {@code tc tbf} ({@link dev.vertxsfu.shaped.NetworkNamespace}), a
 * libwebrtc subscriber run inside it in a JVM of its own
 * ({@link dev.vertxsfu.shaped.ShapedSubscriber}), and the scenarios of issue 13 against an
 * in-process node. Tagged {@code shaped}; they need root (CI and this machine run as root).
 */
package dev.vertxsfu.shaped;
