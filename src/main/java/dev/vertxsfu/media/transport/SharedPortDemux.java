package dev.vertxsfu.media.transport;

import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.mux.DatagramClassifier;
import dev.vertxsfu.wire.mux.DatagramKind;
import dev.vertxsfu.wire.stun.StunMessage;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * The demultiplexer of a UDP port that several rooms share (single-port mode,
 * {@code media.udp-port}; mediasoup's {@code WebRtcServer} serving many routers): each datagram
 * finds the owner ({@code T}, a room) of its transport by the ICE username fragment of a STUN
 * check (RFC 8445 §7.2.2: the part of USERNAME before the colon is ours), or else by the tuple
 * it came from. The owner's own {@link WebRtcServer} then finds the transport the same way and
 * checks MESSAGE-INTEGRITY, so a datagram that reaches an owner here has proven nothing yet: a
 * spoofed tuple or a guessed ufrag gets no further than that owner's checks.
 *
 * <p>Entries come from each owner's {@link WebRtcServer} ({@link #directoryOf}): the ufrags of
 * its transports, and the tuples an authenticated check made valid. A ufrag is 96 random bits
 * ({@code IceCredentials}), so owners never collide by chance; a tuple taken over by another
 * owner (a client that moved from one room to another through the same NAT binding) belongs to
 * the latest, and the earlier owner's removal leaves it alone.
 *
 * <p>Bounded by what registers: clients per room ({@code rooms.max-clients}), two ufrags per
 * transport at most (an ICE restart), {@code IceServer.MAX_TUPLES} tuples each.
 *
 * <p>Threads: one event loop, the one whose socket this demultiplexes and whose rooms are its
 * owners (their {@link WebRtcServer}s call the directories on that loop). Owns one reusable
 * {@link StunMessage} view; allocates nothing for a non-STUN datagram.
 *
 * @param <T> what a datagram is handed to: the room, on the caller's side
 */
public final class SharedPortDemux<T> {
  private final Map<String, T> byUfrag = new HashMap<>();
  private final Map<InetSocketAddress, T> byTuple = new HashMap<>();
  private final StunMessage stun = new StunMessage();
  private long unknownUfrag;
  private long unmatchedTuple;
  private long malformed;

  /** Checks naming {@code ufrag} go to {@code owner}. */
  public void register(String ufrag, T owner) {
    byUfrag.put(ufrag, owner);
  }

  /** Checks naming {@code ufrag} no longer go to {@code owner} (another owner's stays). */
  public void unregister(String ufrag, T owner) {
    byUfrag.remove(ufrag, owner);
  }

  /** Non-STUN datagrams from {@code tuple} go to {@code owner}. */
  public void addTuple(InetSocketAddress tuple, T owner) {
    byTuple.put(tuple, owner);
  }

  public void removeTuple(InetSocketAddress tuple, T owner) {
    byTuple.remove(tuple, owner);
  }

  /** Forgets every ufrag and tuple of {@code owner}: it leaves the port. */
  public void removeOwner(T owner) {
    byUfrag.values().removeIf(o -> o == owner);
    byTuple.values().removeIf(o -> o == owner);
  }

  /** The owner of a ufrag, or null. */
  public T lookup(String ufrag) {
    return byUfrag.get(ufrag);
  }

  /** How many ufrags and tuples are registered (for tests and leak checks). */
  public int size() {
    return byUfrag.size() + byTuple.size();
  }

  /**
   * The owner of the datagram {@code buf[off, off + len)} from {@code from}, or null (counted):
   * STUN by its USERNAME's ufrag, then by tuple (a keep-alive indication carries no USERNAME);
   * anything else by tuple only.
   */
  public T route(byte[] buf, int off, int len, InetSocketAddress from) {
    if (DatagramClassifier.classify(buf, off, len) != DatagramKind.STUN) {
      T owner = byTuple.get(from);
      if (owner == null) {
        unmatchedTuple++;
      }
      return owner;
    }
    try {
      stun.wrap(buf, off, len);
    } catch (WireFormatException e) {
      malformed++;
      return null;
    }
    if (stun.hasUsername()) {
      T owner = byUfrag.get(localUfrag(stun.username()));
      if (owner == null) {
        unknownUfrag++;
      }
      return owner;
    }
    T owner = byTuple.get(from);
    if (owner == null) {
      unmatchedTuple++;
    }
    return owner;
  }

  /** STUN checks whose ufrag no owner registered. */
  public long unknownUfragPackets() {
    return unknownUfrag;
  }

  /** Datagrams other than checks with a USERNAME from a tuple no owner registered. */
  public long unmatchedTuplePackets() {
    return unmatchedTuple;
  }

  /** STUN datagrams that did not parse. */
  public long malformedPackets() {
    return malformed;
  }

  /**
   * The directory through which {@code owner}'s {@link WebRtcServer} keeps this demultiplexer up
   * to date ({@link WebRtcServer#shareOn}).
   */
  public WebRtcServer.Directory directoryOf(T owner) {
    return new WebRtcServer.Directory() {
      @Override
      public void ufragAdded(String ufrag) {
        register(ufrag, owner);
      }

      @Override
      public void ufragRemoved(String ufrag) {
        unregister(ufrag, owner);
      }

      @Override
      public void tupleAdded(InetSocketAddress tuple) {
        addTuple(tuple, owner);
      }

      @Override
      public void tupleRemoved(InetSocketAddress tuple) {
        removeTuple(tuple, owner);
      }
    };
  }

  /** The part of USERNAME before the colon: ours, by RFC 8445 §7.2.2. */
  static String localUfrag(String username) {
    int colon = username.indexOf(':');
    return colon < 0 ? username : username.substring(0, colon);
  }

  @Override
  public String toString() {
    return "SharedPortDemux[" + byUfrag.size() + " ufrags, " + byTuple.size() + " tuples]";
  }
}
