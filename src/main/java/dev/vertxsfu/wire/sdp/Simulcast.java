package dev.vertxsfu.wire.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code a=simulcast} attribute, RFC 8853 section 5.1: which rids (RFC 8851) are sent and
 * received as simulcast streams. Each direction lists streams separated by ';', each stream
 * lists alternative rids separated by ','; a rid starting with '~' is paused. The SFU reads a
 * publisher's {@code send} list (Chromium writes the layers in the order of its
 * {@code sendEncodings}) and answers it as {@code recv}.
 *
 * <pre>
 * sc-value     = ( sc-send [SP sc-recv] ) / ( sc-recv [SP sc-send] )
 * sc-send      = %s"send" SP sc-str-list
 * sc-recv      = %s"recv" SP sc-str-list
 * sc-str-list  = sc-alt-list *( ";" sc-alt-list )
 * sc-alt-list  = sc-id *( "," sc-id )
 * sc-id-paused = "~"
 * sc-id        = [sc-id-paused] rid-id
 *
 * a=simulcast:send q;h;f
 * a=simulcast:send 1;2,3 recv 4
 * </pre>
 *
 * @param send the streams sent, each a list of alternatives (empty when there is no send part)
 * @param receive the streams received, likewise
 */
public record Simulcast(List<List<Stream>> send, List<List<Stream>> receive) {
  /** The attribute name. */
  public static final String NAME = "simulcast";

  /** One {@code sc-id}: a rid, maybe paused. */
  public record Stream(String rid, boolean paused) {
    public Stream {
      if (!Rid.isRidId(rid)) {
        throw new IllegalArgumentException("bad rid: " + rid);
      }
    }

    String format() {
      return paused ? "~" + rid : rid;
    }
  }

  public Simulcast {
    send = copy(send);
    receive = copy(receive);
    if (send.isEmpty() && receive.isEmpty()) {
      throw new IllegalArgumentException("simulcast needs a send or a recv list");
    }
  }

  private static List<List<Stream>> copy(List<List<Stream>> streams) {
    List<List<Stream>> copy = new ArrayList<>();
    for (List<Stream> alternatives : streams) {
      if (alternatives.isEmpty()) {
        throw new IllegalArgumentException("a simulcast stream needs at least one rid");
      }
      copy.add(List.copyOf(alternatives));
    }
    return List.copyOf(copy);
  }

  /** A simulcast of single-rid streams: {@code send} ones, then {@code receive} ones. */
  public static Simulcast of(List<String> sendRids, List<String> receiveRids) {
    return new Simulcast(streams(sendRids), streams(receiveRids));
  }

  private static List<List<Stream>> streams(List<String> rids) {
    List<List<Stream>> streams = new ArrayList<>();
    for (String rid : rids) {
      streams.add(List.of(new Stream(rid, false)));
    }
    return streams;
  }

  /** The first alternative rid of each sent stream, in order. */
  public List<String> sendRids() {
    return firstRids(send);
  }

  /** The first alternative rid of each received stream, in order. */
  public List<String> receiveRids() {
    return firstRids(receive);
  }

  private static List<String> firstRids(List<List<Stream>> streams) {
    List<String> rids = new ArrayList<>();
    for (List<Stream> alternatives : streams) {
      rids.add(alternatives.get(0).rid());
    }
    return rids;
  }

  /** The attribute value: the send part first, then the recv part. */
  public String format() {
    StringBuilder value = new StringBuilder();
    if (!send.isEmpty()) {
      value.append("send ").append(formatList(send));
    }
    if (!receive.isEmpty()) {
      value.append(value.length() == 0 ? "" : " ").append("recv ").append(formatList(receive));
    }
    return value.toString();
  }

  private static String formatList(List<List<Stream>> streams) {
    List<String> parts = new ArrayList<>();
    for (List<Stream> alternatives : streams) {
      List<String> ids = new ArrayList<>();
      alternatives.forEach(stream -> ids.add(stream.format()));
      parts.add(String.join(",", ids));
    }
    return String.join(";", parts);
  }

  /** {@code a=simulcast:<value>}. */
  public Attribute toAttribute() {
    return Attribute.of(NAME, format());
  }

  /** Reads an {@code a=simulcast} value. */
  public static Simulcast parse(String value) {
    return from(Attribute.forValue(NAME, value));
  }

  static Simulcast from(Attribute attribute) {
    List<String> fields = SdpSyntax.split(attribute.requireValue(), ' ');
    if (fields.size() != 2 && fields.size() != 4) {
      throw attribute.malformed("expected send|recv <streams> [recv|send <streams>]");
    }
    List<List<Stream>> send = null;
    List<List<Stream>> receive = null;
    for (int i = 0; i < fields.size(); i += 2) {
      List<List<Stream>> streams = parseList(fields.get(i + 1), attribute);
      if (fields.get(i).equals("send") && send == null) {
        send = streams;
      } else if (fields.get(i).equals("recv") && receive == null) {
        receive = streams;
      } else {
        throw attribute.malformed("expected send or recv, each at most once: " + fields.get(i));
      }
    }
    return new Simulcast(send == null ? List.of() : send, receive == null ? List.of() : receive);
  }

  private static List<List<Stream>> parseList(String text, Attribute attribute) {
    List<List<Stream>> streams = new ArrayList<>();
    for (String alternativesText : SdpSyntax.split(text, ';')) {
      List<Stream> alternatives = new ArrayList<>();
      for (String id : SdpSyntax.split(alternativesText, ',')) {
        boolean paused = id.startsWith("~");
        String rid = paused ? id.substring(1) : id;
        if (!Rid.isRidId(rid)) {
          throw attribute.malformed("not a rid: '" + id + "'");
        }
        alternatives.add(new Stream(rid, paused));
      }
      streams.add(alternatives);
    }
    return streams;
  }
}
