package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Attributes;
import dev.vertxsfu.wire.sdp.Fingerprint;
import dev.vertxsfu.wire.sdp.Group;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Setup;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The transport-level rules a client's description must keep for the SFU to use it: one
 * BUNDLE transport (RFC 8843; JSEP's max-bundle policy, RFC 8829 section 4.1.1), rtcp-mux
 * (RFC 5761; JSEP's rtcpMuxPolicy require, RFC 8829 section 4.1.1), ICE credentials (RFC 8839
 * section 5.4), a fingerprint (RFC 8122; DTLS-SRTP is required by RFC 8829 section 5.1.1), and
 * a DTLS role that leaves the SFU the
 * server: {@code actpass} or {@code active} in an offer, {@code active} in an answer (RFC 8842
 * section 5). Each failure is a {@link NegotiationException} that names the m-line.
 */
final class RemoteChecks {
  private RemoteChecks() {}

  /** The whole-description checks of a client offer. */
  static void checkOffer(SessionDescription offer) {
    if (offer.media().isEmpty()) {
      throw new NegotiationException("the offer has no m-line");
    }
    checkNotLite(offer);
    checkUniqueMids(offer);
    if (offer.attributes().bundleGroup() == null) {
      throw new NegotiationException("the offer has no a=group:BUNDLE: the SFU carries all "
          + "media on one transport (RFC 8843; RFC 8829 section 4.1.1, max-bundle)");
    }
  }

  /** RFC 5888 section 4: a mid names one m-line of the session; two with one name are ambiguous. */
  static void checkUniqueMids(SessionDescription description) {
    Set<String> mids = new HashSet<>();
    List<MediaDescription> media = description.media();
    for (int i = 0; i < media.size(); i++) {
      String mid = media.get(i).mid();
      if (mid != null && !mids.add(mid)) {
        throw new NegotiationException("m-line " + i + " repeats a=mid:" + mid
            + " (a mid names one m-line, RFC 5888 section 4)");
      }
    }
  }

  static void checkNotLite(SessionDescription description) {
    if (description.attributes().iceLite()) {
      throw new NegotiationException("the client is ICE-lite too: two lite agents never "
          + "check connectivity (RFC 8445 section 2.5)");
    }
  }

  /** Whether {@code media} is in the description's BUNDLE group. */
  static boolean bundled(SessionDescription description, MediaDescription media) {
    Group bundle = description.attributes().bundleGroup();
    return bundle != null && media.mid() != null && bundle.mids().contains(media.mid());
  }

  /** Whether {@code media} is RTP over DTLS-SRTP with feedback ({@code .../RTP/SAVPF}). */
  static boolean isRtp(MediaDescription media) {
    return media.proto().toUpperCase(Locale.ROOT).endsWith("RTP/SAVPF");
  }

  /**
   * The per-m-line transport checks of an m-line the SFU accepts.
   *
   * @param offer whether the description is an offer (actpass allowed) or an answer
   */
  static void checkTransport(SessionDescription description, MediaDescription media, int index,
      boolean offer) {
    String where = where(media, index);
    if (!media.attributes().rtcpMux()) {
      throw new NegotiationException(where + " has no a=rtcp-mux: RTP and RTCP must share the "
          + "transport (RFC 5761; RFC 8829 section 4.1.1, rtcpMuxPolicy require)");
    }
    if (description.effective(media, Attributes::iceUfrag) == null
        || description.effective(media, Attributes::icePwd) == null) {
      throw new NegotiationException(where + " has no a=ice-ufrag or a=ice-pwd "
          + "(RFC 8839 section 5.4)");
    }
    if (description.effective(media, Attributes::fingerprints).isEmpty()) {
      throw new NegotiationException(where + " has no a=fingerprint: DTLS-SRTP needs the "
          + "certificate's hash (RFC 8122, RFC 8829 section 5.1.1)");
    }
    Setup setup = description.effective(media, Attributes::setup);
    boolean ok = setup == Setup.ACTIVE || (offer && setup == Setup.ACTPASS);
    if (!ok) {
      throw new NegotiationException(where + " has a=setup:"
          + (setup == null ? "(none)" : setup.value()) + "; the SFU is always the DTLS server, "
          + "so the client must be " + (offer ? "actpass or active" : "active")
          + " (RFC 8842 section 5)");
    }
  }

  /** The client's ICE credentials and first fingerprint, from an accepted m-line. */
  static RemoteEndpoint endpoint(SessionDescription description, MediaDescription media) {
    List<Fingerprint> fingerprints = description.effective(media, Attributes::fingerprints);
    String value = fingerprints.get(0).format();
    int space = value.indexOf(' ');
    return new RemoteEndpoint(description.effective(media, Attributes::iceUfrag),
        description.effective(media, Attributes::icePwd), value.substring(0, space),
        value.substring(space + 1));
  }

  static String where(MediaDescription media, int index) {
    return "m-line " + index + " (" + media.media()
        + (media.mid() == null ? "" : ", mid " + media.mid()) + ")";
  }
}
