package dev.vertxsfu.media.transport;

import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.mux.DatagramClassifier;
import dev.vertxsfu.wire.mux.DatagramKind;
import dev.vertxsfu.wire.stun.StunMessage;
import java.net.InetSocketAddress;

import java.util.HashMap;
import java.util.Map;

/**
 * The demultiplexer of one room's UDP socket (mediasoup's {@code WebRtcServer}): every
 * client's transport shares the port, and each datagram finds its transport by the ICE
 * username fragment of a STUN check, or else by the tuple it came from, which an authenticated
 * check registered (RFC 8445 §7.3; RFC 7983 for telling STUN, DTLS, RTP and RTCP apart).
 * During an ICE restart a transport answers to two ufrags, the old and the new, until the
 * first check with the new one.
 *
 * <p>Threads: the room's event loop; {@link #receive} is the socket's handler. Owns one
 * reusable {@link StunMessage} view.
 */
public final class WebRtcServer implements WebRtcTransport.TupleRegistry {
  /**
   * Told of every local ufrag the server starts or stops answering to, on the room's loop: the
   * room mirrors them into the node's {@link IceUfragDirectory} (ICE-TCP, a single UDP port).
   */
  public interface UfragListener {
    void onUfragAdded(String ufrag);

    void onUfragRemoved(String ufrag);
  }

  private static final UfragListener NO_LISTENER = new UfragListener() {
    @Override
    public void onUfragAdded(String ufrag) {}

    @Override
    public void onUfragRemoved(String ufrag) {}
  };

  private final Map<String, WebRtcTransport> byUfrag = new HashMap<>();
  private final Map<InetSocketAddress, WebRtcTransport> byTuple = new HashMap<>();
  private final StunMessage stun = new StunMessage();
  private long unmatched;
  private long malformed;
  private UfragListener ufragListener = NO_LISTENER;

  /** Sets who hears of the ufrags the server answers to (one listener; null for none). */
  public void onUfragChange(UfragListener listener) {
    this.ufragListener = listener == null ? NO_LISTENER : listener;
  }

  /** Makes a transport reachable through its local ICE username fragment. */
  public void add(WebRtcTransport transport) {
    String ufrag = transport.localIceCredentials().ufrag();
    byUfrag.put(ufrag, transport);
    transport.register(this);
    ufragListener.onUfragAdded(ufrag);
  }

  /** Forgets a transport, every ufrag it answered to (two during an ICE restart), its tuples. */
  public void remove(WebRtcTransport transport) {
    var entries = byUfrag.entrySet().iterator();
    while (entries.hasNext()) {
      var entry = entries.next();
      if (entry.getValue() == transport) {
        entries.remove();
        ufragListener.onUfragRemoved(entry.getKey());
      }
    }
    byTuple.values().removeIf(t -> t == transport);
  }

  /** Whether an authenticated check made {@code address} a tuple of some transport. */
  public boolean hasTuple(InetSocketAddress address) {
    return byTuple.containsKey(address);
  }

  /** Datagrams that matched no transport, and STUN that did not parse. */
  public long unmatchedPackets() {
    return unmatched;
  }

  public long malformedPackets() {
    return malformed;
  }

  /** One datagram from the socket. */
  public void receive(byte[] buf, int off, int len, InetSocketAddress from, long nowMillis) {
    DatagramKind kind = DatagramClassifier.classify(buf, off, len);
    if (kind == DatagramKind.STUN) {
      receiveStun(buf, off, len, from, nowMillis);
      return;
    }
    WebRtcTransport transport = byTuple.get(from);
    if (transport == null) {
      unmatched++;
      return;
    }
    transport.receive(kind, buf, off, len, from, nowMillis);
  }

  private void receiveStun(byte[] buf, int off, int len, InetSocketAddress from, long nowMillis) {
    try {
      stun.wrap(buf, off, len);
    } catch (WireFormatException e) {
      malformed++;
      return;
    }
    WebRtcTransport transport = stun.hasUsername() ? byUfrag.get(localUfrag(stun)) : null;
    if (transport == null) {
      transport = byTuple.get(from); // e.g. a keep-alive indication without USERNAME
    }
    if (transport == null) {
      unmatched++;
      return;
    }
    transport.receiveStun(stun, from, nowMillis);
  }

  /** The part of USERNAME before the colon: ours, by RFC 8445 §7.2.2. */
  private static String localUfrag(StunMessage message) {
    String username = message.username();
    int colon = username.indexOf(':');
    return colon < 0 ? username : username.substring(0, colon);
  }

  @Override
  public void tupleAdded(WebRtcTransport transport, InetSocketAddress tuple) {
    byTuple.put(tuple, transport);
  }

  @Override
  public void tupleRemoved(WebRtcTransport transport, InetSocketAddress tuple) {
    byTuple.remove(tuple, transport);
  }

  @Override
  public void ufragAdded(WebRtcTransport transport, String ufrag) {
    byUfrag.put(ufrag, transport);
    ufragListener.onUfragAdded(ufrag);
  }

  @Override
  public void ufragRemoved(WebRtcTransport transport, String ufrag) {
    if (byUfrag.remove(ufrag, transport)) {
      ufragListener.onUfragRemoved(ufrag);
    }
  }

  @Override
  public String toString() {
    return "WebRtcServer[" + byUfrag.size() + " transports, " + byTuple.size() + " tuples]";
  }

}
