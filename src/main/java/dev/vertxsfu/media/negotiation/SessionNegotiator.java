package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.sdp.Attributes;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.SdpFormatException;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Setup;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The offer/answer state of one client's RTCPeerConnection as the SFU sees it (RFC 8829, JSEP):
 * unified plan, everything in one BUNDLE with rtcp-mux, the SFU ICE-lite and always the DTLS
 * server. The client offers first ({@link #answer}); afterwards either side may: the client
 * re-offers when it adds or removes its tracks, the SFU offers ({@link #createOffer}) to add or
 * remove the {@code sendonly} m-lines that carry other clients' tracks, then applies the
 * client's answer ({@link #applyAnswer}). An offer collision is resolved by the SFU giving way
 * ({@link #rollback}, docs/protocol.md step 6). Session ids and versions follow RFC 8829 sections
 * 5.2.1 and 5.2.2: one random {@code sess-id} per client, the version one higher in every new
 * local description.
 *
 * <p>ICE restart (RFC 8839 section 4.4.1.1.1, RFC 8829 section 5.3.1): a client offer whose
 * {@code a=ice-ufrag} or {@code a=ice-pwd} differs from its last description's restarts ICE;
 * the answer, and every later SFU offer, carries new SFU credentials ({@link #local()}), drawn
 * here. The room hands both sides' new credentials to the transport.
 *
 * <p>Who calls it: the room's {@code Client}, on the room's event loop, which owns it; not
 * thread-safe and takes no locks. It owns the negotiated state (one {@link Section} per m-line,
 * the session's payload types and extension ids, the pending SFU offer) and nothing else: no
 * I/O, no clock. A method that throws leaves the state as it was.
 */
public final class SessionNegotiator {
  // passed by argument
  private final String cname;
  private final long sessionId;
  // allocated by this
  private final SecureRandom random = new SecureRandom();
  private final AnswerBuilder answers;
  private final OfferBuilder offers;
  // state
  private LocalEndpoint local;
  private DescriptionWriter writer;
  private long version;
  private List<Section> sections = List.of();
  private SessionNumbers numbers = new SessionNumbers();
  private ReceiveCodecs receiveCodecs = new ReceiveCodecs();
  private Set<String> usedMids = new HashSet<>();
  private RemoteEndpoint remote;
  private Pending pending;

  /** The SFU offer the client has not answered yet, and the state it would make. */
  private record Pending(List<Section> sections, SessionNumbers numbers, Set<String> usedMids,
      List<String> keys) {}

  /**
   * @param local the SFU's ICE credentials, fingerprint and candidates for this client
   * @param capabilities what the SFU accepts
   * @param cname the CNAME of the streams the SFU sends this client (RFC 7022)
   */
  public SessionNegotiator(LocalEndpoint local, MediaCapabilities capabilities, String cname) {
    this(local, capabilities, cname, new SecureRandom().nextLong() & Long.MAX_VALUE);
  }

  /**
   * @param sessionId the {@code o=} session id, 0 to 2^63-1 (RFC 8829 section 5.2.1 asks for a
   *     random one: the other constructor draws it)
   */
  public SessionNegotiator(LocalEndpoint local, MediaCapabilities capabilities, String cname,
      long sessionId) {
    if (cname == null || cname.isEmpty() || cname.chars().anyMatch(c -> c <= ' ' || c > '~')) {
      throw new IllegalArgumentException("a CNAME must be visible ASCII without spaces");
    }
    if (sessionId < 0) {
      throw new IllegalArgumentException("the session id must be 0 to 2^63-1");
    }
    this.cname = cname;
    this.sessionId = sessionId;
    this.local = local;
    this.writer = new DescriptionWriter(local, cname);
    this.answers = new AnswerBuilder(capabilities);
    this.offers = new OfferBuilder(capabilities);
  }

  /** {@link #answer(SessionDescription)} of the offer's text. */
  public Answer answer(String offerSdp) {
    return answer(parse(offerSdp));
  }

  /**
   * Answers a client offer (RFC 8829 sections 5.3.1 and 5.3.2) and makes it the negotiated
   * state. Transport-level faults refuse the whole offer; an m-line the SFU cannot take (the
   * data channel, no codec in common, outside BUNDLE) is rejected alone with port 0 and the
   * rest is answered, so one odd transceiver does not cost the client its other tracks
   * ({@link AnswerBuilder}). The answer tells the room which tracks the client started and
   * stopped sending and how the SFU's own tracks stand on the m-lines the client kept.
   *
   * @throws NegotiationException if the offer has no BUNDLE, no rtcp-mux, no ICE credentials
   *     or fingerprint, a DTLS role other than actpass/active, a malformed typed attribute (the
   *     {@link SdpFormatException} is its cause), or does not continue the session (an m-line
   *     removed, a live m-line's mid or kind changed): {@link RemoteChecks}, {@link AnswerBuilder}
   * @throws IllegalStateException if an SFU offer is pending: {@link #rollback()} first
   */
  public Answer answer(SessionDescription offer) {
    if (pending != null) {
      throw new IllegalStateException("the SFU's offer is pending: rollback() first "
          + "(glare, docs/protocol.md, the flow)");
    }
    try {
      RemoteChecks.checkOffer(offer);
      List<Section> next = answers.sections(offer, sections);
      SessionNumbers learnt = numbers.copy();
      ReceiveCodecs codecs = receiveCodecs.copy();
      Set<String> mids = new HashSet<>(usedMids);
      RemoteEndpoint endpoint = null;
      for (int i = 0; i < next.size(); i++) {
        MediaDescription m = offer.media().get(i);
        if (m.mid() != null) {
          mids.add(m.mid());
        }
        if (!next.get(i).rejected()) {
          List<OfferedFormat> formats = OfferedFormat.read(m);
          learnt.learn(next.get(i).kind(), formats, offer.effective(m, Attributes::extMaps));
          codecs.learn(next.get(i).kind(), offer.direction(m), formats);
          endpoint = endpoint == null ? RemoteChecks.endpoint(offer, m) : endpoint;
        }
      }
      endpoint = endpoint == null ? remote : endpoint;
      if (endpoint == null) {
        throw new NegotiationException("the offer has no m-line the SFU can take (audio or "
            + "video in the BUNDLE group with a codec in common; data channels are not supported)");
      }
      LocalEndpoint nextLocal = isIceRestart(endpoint) ? local.withIce(
          IceCredentials.generate(random)) : local;
      DescriptionWriter nextWriter = nextLocal == local ? writer
          : new DescriptionWriter(nextLocal, cname);
      List<String> bundle = new ArrayList<>();
      for (String mid : offer.attributes().bundleGroup().mids()) {
        next.stream().filter(s -> !s.rejected() && mid.equals(s.mid())).findFirst()
            .ifPresent(s -> bundle.add(mid));
      }
      SessionDescription description =
          nextWriter.write(sessionId, version + 1, next, bundle, Setup.PASSIVE);
      Answer result = new Answer(description, description.format(), received(next),
          TrackChanges.added(sections, next), TrackChanges.removed(sections, next),
          TrackChanges.sendStates(sections, next), endpoint);
      version++;
      sections = List.copyOf(next);
      numbers = learnt;
      receiveCodecs = codecs;
      usedMids = mids;
      remote = endpoint;
      local = nextLocal;
      writer = nextWriter;
      return result;
    } catch (SdpFormatException e) {
      throw NegotiationException.malformed(e);
    }
  }

  /**
   * Builds the SFU's offer so that exactly {@code sendTracks} are carried: those already on an
   * m-line stay there, the others are added (on a recycled m-line of their kind, or appended),
   * the m-lines of tracks not in the list become inactive ({@link OfferBuilder}). The offer is
   * pending until {@link #applyAnswer} or {@link #rollback()}.
   *
   * @throws IllegalStateException if an offer is pending, or the client has not offered yet
   * @throws IllegalArgumentException if two tracks share a key
   */
  public Offer createOffer(List<SendTrack> sendTracks) {
    if (pending != null) {
      throw new IllegalStateException("an SFU offer is already pending");
    }
    if (sections.isEmpty()) {
      throw new IllegalStateException("no session yet: the client offers first");
    }
    SessionNumbers nextNumbers = numbers.copy();
    Set<String> nextMids = new HashSet<>(usedMids);
    OfferBuilder.Result result = offers.build(sections, sendTracks, nextNumbers, nextMids);
    List<String> bundle = new ArrayList<>();
    result.sections().stream().filter(s -> !s.rejected()).forEach(s -> bundle.add(s.mid()));
    SessionDescription description =
        writer.write(sessionId, version + 1, result.sections(), bundle, Setup.ACTPASS);
    version++;
    pending = new Pending(List.copyOf(result.sections()), nextNumbers, nextMids,
        List.copyOf(result.mids().keySet()));
    return new Offer(description, description.format(), result.mids());
  }

  /** {@link #applyAnswer(SessionDescription)} of the answer's text. */
  public List<NegotiatedSendTrack> applyAnswer(String answerSdp) {
    return applyAnswer(parse(answerSdp));
  }

  /**
   * Applies the client's answer to the pending offer and makes the offer's state the
   * negotiated one ({@link AnswerReader}).
   *
   * @return per SendTrack of the offer, in its order, what the client agreed to
   * @throws NegotiationException if the answer does not match the offer; the offer stays
   *     pending (the room may {@link #rollback()} and offer again)
   * @throws IllegalStateException if no offer is pending
   */
  public List<NegotiatedSendTrack> applyAnswer(SessionDescription answer) {
    if (pending == null) {
      throw new IllegalStateException("no SFU offer is pending");
    }
    try {
      AnswerReader.Result result = AnswerReader.read(answer, pending.sections());
      List<NegotiatedSendTrack> states = new ArrayList<>();
      for (String key : pending.keys()) {
        states.add(result.sendTracks().get(key));
      }
      sections = List.copyOf(result.sections());
      numbers = pending.numbers();
      usedMids = pending.usedMids();
      remote = result.remote() == null ? remote : result.remote();
      pending = null;
      return states;
    } catch (SdpFormatException e) {
      throw NegotiationException.malformed(e);
    }
  }

  /** Forgets the pending SFU offer (glare: the client's offer wins, docs/protocol.md step 6). */
  public void rollback() {
    pending = null;
  }

  public boolean hasPendingOffer() {
    return pending != null;
  }

  /** The tracks the client sends in the negotiated state, in m-line order. */
  public List<ReceivedTrack> receivedTracks() {
    return received(sections);
  }

  /** The SendTracks placed on m-lines in the negotiated state, with what the client agreed. */
  public List<NegotiatedSendTrack> sendTracks() {
    List<NegotiatedSendTrack> states = new ArrayList<>();
    sections.stream().filter(s -> s.sendState() != null).forEach(s -> states.add(s.sendState()));
    return states;
  }

  /**
   * Whether the client can receive {@code codec} on an m-line of {@code kind}, as its offers so
   * far say ({@link ReceiveCodecs}: the codecs of its {@code recvonly}/{@code sendrecv} m-lines
   * of that kind, else of any of its m-lines of that kind, else {@code true}: nothing known).
   * The room asks before placing a SendTrack: a subscriber that cannot decode the producer's
   * codec (another H.264 profile, no AV1...) would reject the m-line with port 0, and a
   * rejected m-line is never reused.
   */
  public boolean clientSupports(MediaKind kind, RtpCodec codec) {
    return receiveCodecs.supports(kind, codec);
  }

  /**
   * Whether the client's description changes its ICE credentials (RFC 8839 section
   * 4.4.1.1.1: a restart changes both; either one changed is taken as one).
   */
  private boolean isIceRestart(RemoteEndpoint endpoint) {
    return remote != null && (!endpoint.iceUfrag().equals(remote.iceUfrag())
        || !endpoint.icePwd().equals(remote.icePwd()));
  }

  /**
   * The SFU's transport parameters as its descriptions write them now: the ICE credentials
   * change with each ICE restart, the rest never.
   */
  public LocalEndpoint local() {
    return local;
  }

  /** The client's ICE credentials and fingerprint, or {@code null} before its first offer. */
  public RemoteEndpoint remote() {
    return remote;
  }

  /** The {@code o=} session id of every description this negotiator writes. */
  public long sessionId() {
    return sessionId;
  }

  /** The CNAME written for the SFU's SSRCs. */
  public String cname() {
    return cname;
  }

  private static List<ReceivedTrack> received(List<Section> list) {
    List<ReceivedTrack> tracks = new ArrayList<>();
    list.stream().filter(s -> s.received() != null).forEach(s -> tracks.add(s.received()));
    return tracks;
  }

  private static SessionDescription parse(String sdp) {
    try {
      return SessionDescription.parse(sdp);
    } catch (SdpFormatException e) {
      throw NegotiationException.malformed(e);
    }
  }

  /** For messages and tests. */
  @Override
  public String toString() {
    return "SessionNegotiator[session=" + sessionId + ", version=" + version + ", m-lines="
        + sections.size() + (pending == null ? "" : ", offer pending") + "]";
  }
}
