package dev.vertxsfu.media.rtp;

import java.util.function.Consumer;

/**
 * A map from 32-bit SSRCs to values with open addressing: looking one up allocates nothing
 * (a {@code HashMap<Long, T>} boxes the key of every packet). Grows at half load.
 *
 * <p>One owner thread; no removal (streams of a transport end with the transport).
 */
public final class SsrcTable<T> {
  private int[] keys = new int[16];
  private Object[] values = new Object[16];
  private int size;

  @SuppressWarnings("unchecked")
  public T get(int ssrc) {
    int mask = keys.length - 1;
    for (int i = mix(ssrc) & mask; ; i = (i + 1) & mask) {
      Object value = values[i];
      if (value == null || keys[i] == ssrc) {
        return (T) value;
      }
    }
  }

  public void put(int ssrc, T value) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    for (int i = mix(ssrc) & mask; ; i = (i + 1) & mask) {
      if (values[i] == null) {
        keys[i] = ssrc;
        values[i] = value;
        size++;
        return;
      }
      if (keys[i] == ssrc) {
        values[i] = value;
        return;
      }
    }
  }

  public int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  public void forEach(Consumer<T> action) {
    for (Object value : values) {
      if (value != null) {
        action.accept((T) value);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void grow() {
    int[] oldKeys = keys;
    Object[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new Object[oldValues.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != null) {
        put(oldKeys[i], (T) oldValues[i]);
      }
    }
  }

  private static int mix(int ssrc) {
    int h = ssrc * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  @Override
  public String toString() {
    return "SsrcTable[" + size + "]";
  }
}
