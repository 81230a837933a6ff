package dev.vertxsfu.bench;

import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.wire.sdp.Attribute;
import dev.vertxsfu.wire.sdp.Attributes;
import dev.vertxsfu.wire.sdp.Candidate;
import dev.vertxsfu.wire.sdp.Group;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Setup;
import java.net.InetSocketAddress;

/**
 * What a synthetic peer needs from the remote's description to connect: its ICE credentials,
 * whether it is ice-lite, its DTLS fingerprint and role, and the one candidate we use (the
 * first UDP host candidate on 127.0.0.1, else the first IPv4 UDP one). Read from the BUNDLE
 * group's first section, which carries the transport of all (RFC 8843).
 *
 * <p>Immutable; made on whatever thread handles signaling.
 */
record RemoteTransport(String ufrag, String password, boolean iceLite,
    DtlsFingerprint fingerprint, Setup setup, InetSocketAddress candidate) {

  /**
   * Reads {@code description}.
   *
   * @throws IllegalArgumentException if credentials, fingerprint or a usable candidate are
   *     missing
   */
  static RemoteTransport of(SessionDescription description) {
    MediaDescription media = bundleTag(description);
    String ufrag = description.effective(media, Attributes::iceUfrag);
    String password = description.effective(media, Attributes::icePwd);
    Attribute fingerprint = media.attributes().first("fingerprint");
    if (fingerprint == null) {
      fingerprint = description.attributes().first("fingerprint");
    }
    Setup setup = description.effective(media, Attributes::setup);
    if (ufrag == null || password == null || fingerprint == null) {
      throw new IllegalArgumentException("the description lacks ICE credentials or a fingerprint");
    }
    return new RemoteTransport(ufrag, password, description.attributes().iceLite(),
        DtlsFingerprint.parse(fingerprint.value()), setup == null ? Setup.ACTPASS : setup,
        loopbackCandidate(description, media));
  }

  private static MediaDescription bundleTag(SessionDescription description) {
    Group bundle = description.attributes().bundleGroup();
    if (bundle != null && !bundle.mids().isEmpty()) {
      MediaDescription tagged = description.mediaByMid(bundle.mids().get(0));
      if (tagged != null) {
        return tagged;
      }
    }
    for (MediaDescription media : description.media()) {
      if (media.port() != 0) {
        return media;
      }
    }
    throw new IllegalArgumentException("the description has no accepted media section");
  }

  private static InetSocketAddress loopbackCandidate(SessionDescription description,
      MediaDescription tag) {
    Candidate chosen = null;
    for (Candidate candidate : tag.attributes().candidates()) {
      if (!candidate.isUdp() || candidate.component() != 1 || candidate.address().contains(":")) {
        continue;
      }
      if (candidate.address().startsWith("127.")) {
        return new InetSocketAddress(candidate.address(), candidate.port());
      }
      if (chosen == null) {
        chosen = candidate;
      }
    }
    if (chosen == null) {
      throw new IllegalArgumentException("the description offers no IPv4 UDP candidate");
    }
    return new InetSocketAddress(chosen.address(), chosen.port());
  }

  /** A candidate trickled later ({@code candidate} message), if it is a loopback UDP one. */
  static InetSocketAddress loopbackOrNull(Candidate candidate) {
    if (candidate.isUdp() && candidate.component() == 1 && candidate.address().startsWith("127.")) {
      return new InetSocketAddress(candidate.address(), candidate.port());
    }
    return null;
  }

  /** Our DTLS role given the remote's {@code a=setup} (RFC 8842 §5.1). */
  boolean weAreDtlsClient() {
    return setup == Setup.ACTPASS || setup == Setup.PASSIVE;
  }
}
