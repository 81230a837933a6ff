package dev.vertxsfu.room;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many distinct rooms one key (a client, or an IP address) asked for within the last
 * window (issue 11: one client that joins and leaves 200 room names must not make the node
 * start 200 rooms). Asking again for a room already counted is free.
 *
 * <p>Bounded: at most {@code maxKeys} keys are tracked; when that many are in their window, a
 * new key is refused too (the node is under a wide attack; known keys carry on). The caller
 * passes the time. Owned by the {@link RoomManager}, on its loop.
 */
final class NewRoomLimiter {
  private final int perWindow;
  private final long windowMillis;
  private final int maxKeys;
  /** key -> room -> when the key first asked for it in the current window. */
  private final Map<String, LinkedHashMap<String, Long>> asked = new HashMap<>();

  NewRoomLimiter(int perWindow, long windowMillis, int maxKeys) {
    this.perWindow = perWindow;
    this.windowMillis = windowMillis;
    this.maxKeys = maxKeys;
  }

  /** Whether {@code key} may ask for {@code roomId} at {@code now}; if so, it is counted. */
  boolean allow(String key, String roomId, long now) {
    LinkedHashMap<String, Long> rooms = asked.get(key);
    if (rooms == null) {
      if (asked.size() >= maxKeys) {
        expire(now);
        if (asked.size() >= maxKeys) {
          return false;
        }
      }
      rooms = new LinkedHashMap<>();
      asked.put(key, rooms);
    }
    expire(rooms, now);
    if (rooms.containsKey(roomId)) {
      return true;
    }
    if (rooms.size() >= perWindow) {
      return false;
    }
    rooms.put(roomId, now);
    return true;
  }

  /** Forgets what is older than the window. */
  void expire(long now) {
    asked.values().removeIf(rooms -> {
      expire(rooms, now);
      return rooms.isEmpty();
    });
  }

  int trackedKeys() {
    return asked.size();
  }

  private void expire(LinkedHashMap<String, Long> rooms, long now) {
    Iterator<Long> times = rooms.values().iterator(); // oldest first
    while (times.hasNext() && now - times.next() >= windowMillis) {
      times.remove();
    }
  }
}
