/**
 * Pure codecs over bytes: one subpackage per protocol ({@code mux}, {@code stun}, {@code rtp},
 * {@code rtcp}, {@code srtp}, {@code sdp}).
 *
 * <p>Belongs here: parse, serialize and views over {@code (byte[], offset, length)}, each
 * checked against its RFC's test vectors; the typed {@link dev.vertxsfu.wire.WireFormatException}
 * family.
 *
 * <p>Never here: state that outlives a call (other than the crypto contexts of {@code srtp}),
 * clocks, threads, I/O, Vert.x, or any other package of this project. An architecture test
 * keeps it so.
 */
package dev.vertxsfu.wire;
