package dev.vertxsfu.media.transport;

import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.media.dtls.DtlsTransport;
import dev.vertxsfu.media.dtls.SrtpMasterKeys;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.media.ice.IceServer;
import dev.vertxsfu.media.ice.IceState;
import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.mux.DatagramKind;
import dev.vertxsfu.wire.srtp.SrtcpContext;
import dev.vertxsfu.wire.srtp.SrtpContext;
import dev.vertxsfu.wire.srtp.SrtpProfile;
import dev.vertxsfu.wire.srtp.SrtpSessionKeys;
import dev.vertxsfu.wire.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * The media path of one client (mediasoup's {@code WebRtcTransport}): its ICE-lite agent, its
 * DTLS association and the SRTP sessions the handshake keys, over one BUNDLEd, rtcp-muxed
 * 5-tuple of the room's socket.
 *
 * <p>In: datagrams the room's {@link WebRtcServer} found to be this client's. STUN goes to
 * the {@link IceServer}; DTLS, RTP and RTCP count only from a tuple that passed an
 * authenticated check. SRTP that arrives before the keys (BouncyCastle sends its Finished
 * before it exports them, MEDIA-NOTES.md) is kept briefly and replayed. Decrypted RTP and RTCP
 * go to the listener, in place in the caller's buffer.
 *
 * <p>Out: {@link #sendRtp} and {@link #sendRtcp} protect in place and hand the datagram to the
 * listener for the selected tuple.
 *
 * <p>Threads: one owner, the room's event loop, calls every method and gets every callback.
 * Only the DTLS handshake runs on {@code blocking}, inside {@link DtlsTransport}.
 */
public final class WebRtcTransport
    implements MediaSender, IceServer.Listener, DtlsTransport.Listener {

  /** What the transport hands to the room, on the room's loop. */
  public interface Listener {
    /** A datagram for the socket; the bytes are valid only during the call. */
    void onTransportSend(byte[] buf, int off, int len, InetSocketAddress to);

    /** A decrypted RTP packet; the bytes are valid only during the call. */
    void onTransportRtp(WebRtcTransport transport, byte[] buf, int off, int len, long nowMillis);

    /** A decrypted RTCP compound packet; the bytes are valid only during the call. */
    void onTransportRtcp(WebRtcTransport transport, byte[] buf, int off, int len, long nowMillis);

    void onTransportStateChange(WebRtcTransport transport, TransportState state);
  }

  /** How the transport keeps its {@link WebRtcServer}'s tuple map up to date. */
  interface TupleRegistry {
    void tupleAdded(WebRtcTransport transport, InetSocketAddress tuple);

    void tupleRemoved(WebRtcTransport transport, InetSocketAddress tuple);

    /** Checks naming {@code ufrag} as the local ICE username fragment are this transport's. */
    void ufragAdded(WebRtcTransport transport, String ufrag);

    /** Checks naming {@code ufrag} are no longer this transport's. */
    void ufragRemoved(WebRtcTransport transport, String ufrag);
  }

  /** SRTP kept before the keys are in: a keyframe's worth at most. */
  static final int EARLY_PACKETS = 64;

  private record EarlyPacket(DatagramKind kind, byte[] bytes, long arrivalMillis) {}

  private final String id;
  private final Listener listener;
  private final IceServer ice;
  private final DtlsTransport dtls;
  private final ArrayDeque<EarlyPacket> early = new ArrayDeque<>();
  private TupleRegistry registry;
  private SrtpSession inbound;
  private SrtpSession outbound;
  private TransportState state = TransportState.NEW;
  private long received;
  private long dropped;
  /** Why DTLS failed; null unless it did. */
  private String dtlsFailure;
  /** When the DTLS handshake started (the caller's clock, ms); -1 before. */
  private long dtlsStartedMillis = -1;

  public WebRtcTransport(String id, IceCredentials local, String remoteUfrag,
      DtlsCertificate certificate, DtlsFingerprint remoteFingerprint, Executor owner,
      Executor blocking, Listener listener) {
    this.id = id;
    this.listener = listener;
    this.ice = new IceServer(local, remoteUfrag, this);
    this.dtls = DtlsTransport.server(certificate, remoteFingerprint, owner, blocking, this);
  }

  public String id() {
    return id;
  }

  public IceCredentials localIceCredentials() {
    return ice.localCredentials();
  }

  public TransportState state() {
    return state;
  }

  /** Packets received from valid tuples, and of those the ones dropped (bad, forged, replayed). */
  public long packetsReceived() {
    return received;
  }

  public long packetsDropped() {
    return dropped;
  }

  /** The ICE and DTLS states apart (for logs and stats; {@link #state} combines them). */
  public IceState iceState() {
    return ice.state();
  }

  public DtlsTransport.State dtlsState() {
    return dtls.state();
  }

  /** Why the DTLS handshake failed, or null if it did not. */
  public String dtlsFailure() {
    return dtlsFailure;
  }

  /** Why the DTLS handshake failed, as a fixed set, or null if it did not. */
  public DtlsTransport.Failure dtlsFailureKind() {
    return dtls.failure();
  }

  /** When its DTLS handshake started (the clock of {@link #receive}, ms), or -1 before. */
  public long dtlsStartedMillis() {
    return dtlsStartedMillis;
  }

  /** The client's address media goes to, or null before ICE picked one. */
  public InetSocketAddress selectedTuple() {
    return ice.selectedTuple();
  }

  void register(TupleRegistry registry) {
    this.registry = registry;
  }

  /**
   * An ICE restart (docs/protocol.md section 18): the client's offer, or its answer, changed
   * its ICE credentials, and the SFU's answer carries {@code local}. The ICE-lite agent takes
   * the new credentials ({@link IceServer#restart}: the old ones and their tuples stay valid
   * until the first check with the new ones, consent starts afresh); the DTLS association and
   * the SRTP sessions are kept, so media resumes on the new path as soon as it is checked.
   *
   * @return whether anything changed: false for the same credentials, or a failed transport
   */
  public boolean restartIce(IceCredentials local, String remoteUfrag, long nowMillis) {
    if (state == TransportState.CLOSED || !ice.restart(local, remoteUfrag, nowMillis)) {
      return false;
    }
    if (registry != null) {
      registry.ufragAdded(this, local.ufrag());
    }
    return true;
  }

  /** How many ICE restarts this transport went through. */
  public int iceRestarts() {
    return ice.restarts();
  }

  /** A parsed STUN message from {@code from}. */
  public void receiveStun(StunMessage message, InetSocketAddress from, long nowMillis) {
    ice.processStunPacket(message, from, nowMillis);
  }

  /** A non-STUN datagram from {@code from}, already classified (RFC 7983). */
  public void receive(DatagramKind kind, byte[] buf, int off, int len, InetSocketAddress from,
      long nowMillis) {
    if (!ice.isValidTuple(from)) {
      return; // only checked addresses may speak (RFC 8445 §7.3, and no DTLS before ICE)
    }
    received++;
    switch (kind) {
      case DTLS -> {
        if (dtls.state() == DtlsTransport.State.NEW) {
          dtlsStartedMillis = nowMillis;
          dtls.start(); // lazily: a handshake holds a worker thread while it runs
        }
        dtls.receive(buf, off, len);
      }
      case RTP, RTCP -> {
        if (inbound == null) {
          keepEarly(kind, buf, off, len, nowMillis);
        } else {
          unprotect(kind, buf, off, len, nowMillis);
        }
      }
      default -> dropped++;
    }
  }

  /**
   * Protects an RTP packet in place and sends it to the selected tuple. {@code buf} must have
   * room for the tag after {@code len} (16 bytes covers every profile).
   *
   * @return false if the transport cannot send yet (or any more), or the packet was refused
   */
  @Override
  public boolean sendRtp(byte[] buf, int off, int len) {
    SrtpContext context = outbound == null || len < 12 ? null : outbound.rtp(ssrcAt(buf, off + 8));
    int protectedLength = -1;
    try {
      protectedLength = context == null ? -1 : context.protect(buf, off, len);
    } catch (WireFormatException e) {
      // refused: counted below as not sent
    }
    return sendProtected(buf, off, protectedLength);
  }

  /**
   * Protects an RTCP compound packet in place and sends it. {@code buf} must have room for the
   * SRTCP index and tag after {@code len} (20 bytes covers every profile).
   */
  @Override
  public boolean sendRtcp(byte[] buf, int off, int len) {
    SrtcpContext context = outbound == null || len < 8 ? null : outbound.rtcp(ssrcAt(buf, off + 4));
    int protectedLength = -1;
    try {
      protectedLength = context == null ? -1 : context.protect(buf, off, len);
    } catch (WireFormatException e) {
      // refused: counted below as not sent
    }
    return sendProtected(buf, off, protectedLength);
  }

  @Override
  public boolean isConnected() {
    return state == TransportState.CONNECTED && outbound != null;
  }

  private boolean sendProtected(byte[] buf, int off, int protectedLength) {
    InetSocketAddress to = ice.selectedTuple();
    if (protectedLength < 0 || to == null) {
      return false;
    }
    listener.onTransportSend(buf, off, protectedLength, to);
    return true;
  }

  /** The owner's timer, about once a second: consent freshness. */
  public void tick(long nowMillis) {
    ice.checkConsent(nowMillis);
  }

  /** Sends close_notify if connected, and stops. */
  public void close() {
    dtls.close();
    inbound = null;
    outbound = null;
    early.clear();
    setState(TransportState.CLOSED);
  }

  private void unprotect(DatagramKind kind, byte[] buf, int off, int len, long nowMillis) {
    int result;
    try {
      if (kind == DatagramKind.RTP) {
        SrtpContext context = len >= 12 ? inbound.rtp(ssrcAt(buf, off + 8)) : null;
        result = context == null ? -1 : context.unprotect(buf, off, len);
      } else {
        SrtcpContext context = len >= 8 ? inbound.rtcp(ssrcAt(buf, off + 4)) : null;
        result = context == null ? -1 : context.unprotect(buf, off, len);
      }
    } catch (WireFormatException e) {
      result = -1;
    }
    if (result < 0) {
      dropped++;
    } else if (kind == DatagramKind.RTP) {
      listener.onTransportRtp(this, buf, off, result, nowMillis);
    } else {
      listener.onTransportRtcp(this, buf, off, result, nowMillis);
    }
  }

  private void keepEarly(DatagramKind kind, byte[] buf, int off, int len, long nowMillis) {
    if (early.size() == EARLY_PACKETS || dtls.state() != DtlsTransport.State.CONNECTING) {
      dropped++;
      return;
    }
    byte[] copy = new byte[len];
    System.arraycopy(buf, off, copy, 0, len);
    early.add(new EarlyPacket(kind, copy, nowMillis));
  }

  private static int ssrcAt(byte[] buf, int at) {
    return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
        | (buf[at + 3] & 0xFF);
  }

  private void updateState() {
    setState(TransportState.of(ice.state(), dtls.state()));
  }

  private void setState(TransportState next) {
    if (state != next && state != TransportState.CLOSED) {
      state = next;
      listener.onTransportStateChange(this, next);
    }
  }

  // IceServer.Listener

  @Override
  public void onIceServerSendStunPacket(byte[] buf, int off, int len, InetSocketAddress to) {
    listener.onTransportSend(buf, off, len, to);
  }

  @Override
  public void onIceServerTupleAdded(InetSocketAddress tuple) {
    if (registry != null) {
      registry.tupleAdded(this, tuple);
    }
  }

  @Override
  public void onIceServerTupleRemoved(InetSocketAddress tuple) {
    if (registry != null) {
      registry.tupleRemoved(this, tuple);
    }
  }

  @Override
  public void onIceServerCredentialsRetired(IceCredentials retired) {
    if (registry != null && !retired.ufrag().equals(ice.localCredentials().ufrag())) {
      registry.ufragRemoved(this, retired.ufrag());
    }
  }

  @Override
  public void onIceServerSelectedTuple(InetSocketAddress tuple) {
    // sendRtp and sendRtcp read the selected tuple from the ICE server each time
  }

  @Override
  public void onIceServerStateChange(IceState iceState) {
    if (iceState == IceState.FAILED) {
      dtls.close();
    }
    updateState();
  }

  // DtlsTransport.Listener

  @Override
  public void onDtlsTransportSend(byte[] datagram) {
    InetSocketAddress to = ice.selectedTuple();
    if (to != null) {
      listener.onTransportSend(datagram, 0, datagram.length, to);
    }
  }

  @Override
  public void onDtlsTransportConnected(SrtpMasterKeys keys) {
    SrtpProfile profile = SrtpProfile.byId(keys.protectionProfile()).orElseThrow();
    inbound = new SrtpSession(SrtpSessionKeys.derive(profile, keys.remoteKey(), keys.remoteSalt()));
    outbound = new SrtpSession(SrtpSessionKeys.derive(profile, keys.localKey(), keys.localSalt()));
    updateState();
    while (!early.isEmpty()) {
      EarlyPacket packet = early.poll();
      unprotect(packet.kind(), packet.bytes(), 0, packet.bytes().length, packet.arrivalMillis());
    }
  }

  @Override
  public void onDtlsTransportFailed(String reason) {
    dtlsFailure = reason;
    early.clear();
    updateState();
  }

  @Override
  public void onDtlsTransportClosed() {
    inbound = null;
    outbound = null;
    updateState();
  }
}
