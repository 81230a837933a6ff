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
 * <p>In single-port mode ({@code media.udp-port}) the socket is shared with other rooms and a
 * {@link SharedPortDemux} picks the room first; this server then tells that demultiplexer's
 * {@link Directory} every ufrag and tuple it learns or forgets ({@link #shareOn}).
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

  /** The shared port's directory, in single-port mode; null while the port is the room's own. */
  private Directory shared;

  /**
   * What a shared port's demultiplexer learns from this server: which ufrags and tuples lead to
   * this room ({@link SharedPortDemux#directoryOf}). Called on the room's loop.
   */
  public interface Directory {
    void ufragAdded(String ufrag);

    void ufragRemoved(String ufrag);

    void tupleAdded(InetSocketAddress tuple);

    void tupleRemoved(InetSocketAddress tuple);
  }

  /**
   * From now on {@code directory} hears of every ufrag and tuple of this server, starting with
   * those it has; {@code null} stops that (the room left the shared port, whose demultiplexer
   * forgets it as a whole).
   */
  public void shareOn(Directory directory) {
    shared = directory;
    if (directory != null) {
      byUfrag.keySet().forEach(directory::ufragAdded);
      byTuple.keySet().forEach(directory::tupleAdded);
    }
  }

  /** Makes a transport reachable through its local ICE username fragment. */
  public void add(WebRtcTransport transport) {
    String ufrag = transport.localIceCredentials().ufrag();
    byUfrag.put(ufrag, transport);
    transport.register(this);
    announceUfrag(ufrag);
  }

  /** Forgets a transport, every ufrag it answered to (two during an ICE restart), its tuples. */
  public void remove(WebRtcTransport transport) {
    for (var i = byUfrag.entrySet().iterator(); i.hasNext(); ) {
      var entry = i.next();
      if (entry.getValue() == transport) {
        i.remove();
        withdrawUfrag(entry.getKey());
      }
    }
    for (var i = byTuple.entrySet().iterator(); i.hasNext(); ) {
      var entry = i.next();
      if (entry.getValue() == transport) {
        i.remove();
        if (shared != null) {
          shared.tupleRemoved(entry.getKey());
        }
      }
    }
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
    if (shared != null) {
      shared.tupleAdded(tuple);
    }
  }

  @Override
  public void tupleRemoved(WebRtcTransport transport, InetSocketAddress tuple) {
    if (byTuple.remove(tuple, transport) && shared != null) {
      shared.tupleRemoved(tuple);
    }
  }

  @Override
  public void ufragAdded(WebRtcTransport transport, String ufrag) {
    byUfrag.put(ufrag, transport);
    announceUfrag(ufrag);
  }

  @Override
  public void ufragRemoved(WebRtcTransport transport, String ufrag) {
    if (byUfrag.remove(ufrag, transport)) {
      withdrawUfrag(ufrag);
    }
  }

  @Override
  public String toString() {
    return "WebRtcServer[" + byUfrag.size() + " transports, " + byTuple.size() + " tuples]";
  }

  /** Tells the node's ICE-TCP directory and, in single-port mode, the shared port's. */
  private void announceUfrag(String ufrag) {
    ufragListener.onUfragAdded(ufrag);
    if (shared != null) {
      shared.ufragAdded(ufrag);
    }
  }

  private void withdrawUfrag(String ufrag) {
    ufragListener.onUfragRemoved(ufrag);
    if (shared != null) {
      shared.ufragRemoved(ufrag);
    }
  }
}
