package dev.vertxsfu.media.negotiation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The header extension ids (RFC 8285) one client uses on one m-line, by URI: what a producer
 * reads incoming packets with and what a consumer rewrites outgoing packets to. Only extensions
 * both sides negotiated are here; an absent one has id 0 (RFC 8285 reserves 0 as padding, so it
 * never names an extension).
 *
 * @param ids URI to id, in the m-line's order
 */
public record ExtensionIds(Map<String, Integer> ids) {
  /** No extension negotiated. */
  public static final ExtensionIds NONE = new ExtensionIds(Map.of());

  public ExtensionIds {
    ids = Collections.unmodifiableMap(new LinkedHashMap<>(ids));
  }

  /** The id of extension {@code uri}, or 0 when it was not negotiated. */
  public int id(String uri) {
    return ids.getOrDefault(uri, 0);
  }

  public int mid() {
    return id(RtpHeaderExtensionUris.MID);
  }

  public int rid() {
    return id(RtpHeaderExtensionUris.RTP_STREAM_ID);
  }

  public int repairedRid() {
    return id(RtpHeaderExtensionUris.REPAIRED_RTP_STREAM_ID);
  }

  public int absSendTime() {
    return id(RtpHeaderExtensionUris.ABS_SEND_TIME);
  }

  public int transportCc() {
    return id(RtpHeaderExtensionUris.TRANSPORT_CC);
  }

  public int audioLevel() {
    return id(RtpHeaderExtensionUris.AUDIO_LEVEL);
  }

  public int videoOrientation() {
    return id(RtpHeaderExtensionUris.VIDEO_ORIENTATION);
  }
}
