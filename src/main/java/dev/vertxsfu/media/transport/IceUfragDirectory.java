package dev.vertxsfu.media.transport;

import java.util.HashMap;
import java.util.Map;

/**
 * A node's map from the SFU's local ICE username fragments to whoever serves them (a room):
 * what a connection or datagram that reaches a node-wide port (the ICE-TCP port, a single UDP
 * port) before any room knows it is routed by. The first check's USERNAME names the SFU's ufrag
 * first (RFC 8445 section 7.2.2), and every transport's ufrag is random and unique, so the
 * ufrag names its room. Rooms register each ufrag their {@link WebRtcServer} answers to (the
 * transport's, and a second one during an ICE restart) and unregister it when the server
 * forgets it ({@link WebRtcServer#onUfragChange}).
 *
 * <p>Bounded: at most {@code capacity} ufrags; past that {@link #register} refuses (the client
 * can still use UDP). Pure, no locks: one owner (the event loop of the node-wide socket that
 * reads it) calls every method; rooms hand their changes to that loop as tasks.
 *
 * @param <T> what serves a ufrag (the room's handle)
 */
public final class IceUfragDirectory<T> {
  private final int capacity;
  private final Map<String, T> owners = new HashMap<>();

  /** @param capacity the most ufrags held at once, at least 1 */
  public IceUfragDirectory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * {@code ufrag} is served by {@code owner} from now on (it replaces an earlier owner).
   *
   * @return false if the directory is full and {@code ufrag} is not in it
   */
  public boolean register(String ufrag, T owner) {
    if (owners.size() >= capacity && !owners.containsKey(ufrag)) {
      return false;
    }
    owners.put(ufrag, owner);
    return true;
  }

  /** Forgets {@code ufrag} if {@code owner} still serves it (a later owner keeps it). */
  public void unregister(String ufrag, T owner) {
    owners.remove(ufrag, owner);
  }

  /** Forgets every ufrag {@code owner} serves (a room that closes). */
  public void unregisterAll(T owner) {
    owners.values().removeIf(o -> o == owner);
  }

  /** Who serves {@code ufrag}, or null. */
  public T lookup(String ufrag) {
    return owners.get(ufrag);
  }

  public int size() {
    return owners.size();
  }
}
