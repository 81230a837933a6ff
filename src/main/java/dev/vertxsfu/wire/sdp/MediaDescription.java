package dev.vertxsfu.wire.sdp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One media description, RFC 8866 section 5.14: the {@code m=} line and the {@code i=},
 * {@code c=}, {@code b=}, {@code k=} and {@code a=} lines under it. In WebRTC each one is an
 * RTP transceiver ({@code audio}, {@code video}) or the data channel ({@code application},
 * {@code UDP/DTLS/SCTP webrtc-datachannel}), named by its {@code a=mid}.
 *
 * <pre>
 * m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
 * i=* c=* b=* k=* a=*
 *
 * m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
 * m=application 9 UDP/DTLS/SCTP webrtc-datachannel
 * m=video 0 UDP/TLS/RTP/SAVPF 96          (port 0: rejected or stopped, RFC 3264 section 6)
 * </pre>
 *
 * <p>Mutable: negotiation builds answers and SFU offers from these and may change the port,
 * the formats or the attributes of a parsed one; {@link SessionDescription#format()} then
 * writes it in RFC order. Owned by its session description, one thread at a time.
 */
public final class MediaDescription {
  /** The proto of WebRTC RTP media (JSEP, RFC 8829). */
  public static final String RTP_PROTO = "UDP/TLS/RTP/SAVPF";
  /** The proto of the WebRTC data channel (RFC 8841). */
  public static final String SCTP_PROTO = "UDP/DTLS/SCTP";
  /** The one format of a WebRTC data channel m-line. */
  public static final String DATACHANNEL_FORMAT = "webrtc-datachannel";

  private String media;
  private int port;
  private int numberOfPorts = -1;
  private String proto;
  private List<String> formats;
  private String information;
  private final List<ConnectionData> connections = new ArrayList<>();
  private final List<Bandwidth> bandwidths = new ArrayList<>();
  private String encryptionKey;
  private final Attributes attributes = new Attributes();

  /**
   * @param media a token: {@code audio}, {@code video}, {@code application}...
   * @param port 0 to 65535 (9 is JSEP's placeholder, 0 rejects the section)
   * @param proto tokens joined by '/', e.g. {@link #RTP_PROTO}
   * @param formats one or more tokens: payload types, or {@link #DATACHANNEL_FORMAT}
   */
  public MediaDescription(String media, int port, String proto, List<String> formats) {
    setMedia(media);
    setPort(port);
    setProto(proto);
    setFormats(formats);
  }

  public String media() {
    return media;
  }

  public void setMedia(String media) {
    if (!SdpSyntax.isToken(media)) {
      throw new IllegalArgumentException("the media is not a token: " + media);
    }
    this.media = media;
  }

  public int port() {
    return port;
  }

  public void setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of 0..65535: " + port);
    }
    this.port = port;
  }

  /** The {@code /<number of ports>} of the m-line, or -1 when absent (as in WebRTC). */
  public int numberOfPorts() {
    return numberOfPorts;
  }

  public void setNumberOfPorts(int numberOfPorts) {
    if (numberOfPorts != -1 && numberOfPorts < 1) {
      throw new IllegalArgumentException("number of ports must be at least 1, or -1 for none");
    }
    this.numberOfPorts = numberOfPorts;
  }

  public String proto() {
    return proto;
  }

  public void setProto(String proto) {
    String problem = protoProblem(proto);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    this.proto = proto;
  }

  /** The formats (payload types as text for RTP), in order; unmodifiable. */
  public List<String> formats() {
    return formats;
  }

  public void setFormats(List<String> formats) {
    List<String> copy = List.copyOf(formats);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("an m-line needs at least one format");
    }
    for (String format : copy) {
      if (!SdpSyntax.isToken(format)) {
        throw new IllegalArgumentException("a format is not a token: " + format);
      }
    }
    this.formats = copy;
  }

  /** The {@code i=} value, or {@code null}. */
  public String information() {
    return information;
  }

  public void setInformation(String information) {
    this.information = SessionDescription.checkText(information, "i=");
  }

  /** The {@code c=} lines (mutable, in order). */
  public List<ConnectionData> connections() {
    return connections;
  }

  /** The {@code b=} lines (mutable, in order). */
  public List<Bandwidth> bandwidths() {
    return bandwidths;
  }

  /** The obsolete {@code k=} value (RFC 8866 section 5.12), or {@code null}. */
  public String encryptionKey() {
    return encryptionKey;
  }

  public void setEncryptionKey(String encryptionKey) {
    this.encryptionKey = SessionDescription.checkText(encryptionKey, "k=");
  }

  /** The {@code a=} lines with their typed readings. */
  public Attributes attributes() {
    return attributes;
  }

  /** {@code a=mid}, or {@code null}: the shortcut negotiation uses most. */
  public String mid() {
    return attributes.mid();
  }

  /** Whether this is a data channel section ({@code UDP/DTLS/SCTP}, any case). */
  public boolean isDataChannel() {
    return proto.toUpperCase(Locale.ROOT).endsWith("SCTP");
  }

  /** The payload types of an RTP section's formats (those that are numbers 0 to 127). */
  public List<Integer> payloadTypes() {
    List<Integer> payloadTypes = new ArrayList<>();
    for (String format : formats) {
      long pt = SdpSyntax.number(format, 127);
      if (pt >= 0) {
        payloadTypes.add((int) pt);
      }
    }
    return Collections.unmodifiableList(payloadTypes);
  }

  /** The {@code m=} line's value. */
  public String formatMediaLine() {
    StringBuilder line = new StringBuilder(media).append(' ').append(port);
    if (numberOfPorts >= 0) {
      line.append('/').append(numberOfPorts);
    }
    line.append(' ').append(proto);
    for (String format : formats) {
      line.append(' ').append(format);
    }
    return line.toString();
  }

  static String protoProblem(String proto) {
    if (proto == null) {
      return "no proto";
    }
    for (String part : SdpSyntax.split(proto, '/')) {
      if (!SdpSyntax.isToken(part)) {
        return "the proto is not tokens joined by '/'";
      }
    }
    return null;
  }
}
