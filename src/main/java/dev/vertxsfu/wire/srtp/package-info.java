/**
 * SRTP and SRTCP (RFC 3711) with the DTLS-SRTP profiles WebRTC browsers offer: AES-128 counter
 * mode with HMAC-SHA1 (RFC 5764 §4.1.2, profiles 0x0001 and 0x0002) and AES-GCM (RFC 7714,
 * profiles 0x0007 and 0x0008), on the JDK's own JCE and nothing else.
 *
 * <p>Belongs here: key derivation ({@link dev.vertxsfu.wire.srtp.SrtpSessionKeys}, split from the
 * DTLS exporter output by {@link dev.vertxsfu.wire.srtp.SrtpKeyingMaterial}); the per-stream
 * crypto contexts {@link dev.vertxsfu.wire.srtp.SrtpContext} (one per SSRC and direction) and
 * {@link dev.vertxsfu.wire.srtp.SrtcpContext} (one per RTCP sender and direction), which keep the
 * rollover counter, the SRTCP index and the replay lists, the only state {@code wire} allows;
 * the typed {@link dev.vertxsfu.wire.srtp.SrtpFormatException} and the result codes of
 * {@link dev.vertxsfu.wire.srtp.SrtpStatus}.
 *
 * <p>Never here: DTLS (that is {@code media.dtls}), choosing the profile or routing packets to a
 * context by SSRC ({@code media.transport}), parsing RTP or RTCP beyond the header fields SRTP
 * needs ({@code wire.rtp}, {@code wire.rtcp}), clocks, threads, locks, or a crypto provider other
 * than the JDK's. MKIs and key derivation rates other than 0 are not supported (DTLS-SRTP uses
 * neither).
 *
 * <p>Performance, measured on JDK 17 with this package's benchmarks (SrtpBench,
 * SrtpPrimitivesBench, GcmBench, GcmCpuTime): per packet, GCM re-initialises one
 * {@code AES/GCM/NoPadding} cipher for texts over 64 bytes and runs counter mode on a
 * once-initialised {@code AES/ECB/NoPadding} cipher plus a table GHASH of our own for shorter
 * ones (see {@link dev.vertxsfu.wire.srtp.AesGcmTransform}), and AES-CM one {@code AES/CTR/NoPadding} cipher (faster than an ECB keystream, which HotSpot does
 * not pipeline without VAES) plus one reused {@code HmacSHA1} {@link javax.crypto.Mac}. Without
 * SHA-NI (UseSHA1Intrinsics is off) HMAC-SHA1 costs several times the whole of GCM, so GCM is the
 * profile to pick whenever the peer offers it.
 */
package dev.vertxsfu.wire.srtp;
