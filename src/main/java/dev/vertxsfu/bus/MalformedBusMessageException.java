package dev.vertxsfu.bus;

/**
 * A bus message whose wire form is not what its codec writes: a truncated buffer, bytes that are
 * not JSON, or JSON missing a field or holding one of the wrong type. Thrown by the codecs of
 * {@link BusCodecs} on the receiving node.
 */
public final class MalformedBusMessageException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  MalformedBusMessageException(String codec, String why) {
    super("malformed " + codec + " on the event bus: " + why);
  }
}
