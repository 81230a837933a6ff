package dev.vertxsfu.room;

/**
 * A track in a room, as docs/protocol.md's {@code TrackInfo} names it.
 *
 * @param clientId the publisher
 * @param trackId the publisher's track id ({@code a=msid} second part)
 * @param streamId the publisher's stream id ({@code a=msid} first part)
 * @param kind "audio" or "video"
 * @param source "media" or "screen"; null while the publisher has not named it
 * @param codec the codec the publisher sends it with, as a MIME type ({@code video/H264},
 *     {@code audio/opus}); an addition to v1's TrackInfo
 * @param muted whether the publisher has muted it ({@code mute_track}); an addition
 */
public record TrackInfo(String clientId, String trackId, String streamId, String kind,
    String source, String codec, boolean muted) {

  public static final String MEDIA = "media";
  public static final String SCREEN = "screen";

  /** The room-wide id of the producer that receives this track. */
  public String producerId() {
    return producerId(clientId, trackId);
  }

  static String producerId(String clientId, String trackId) {
    return clientId + "/" + trackId;
  }
}
