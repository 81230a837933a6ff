package dev.vertxsfu.bench;

import dev.vertxsfu.wire.sdp.Attribute;
import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.Group;
import dev.vertxsfu.wire.sdp.MediaDescription;
import dev.vertxsfu.wire.sdp.Msid;
import dev.vertxsfu.wire.sdp.Origin;
import dev.vertxsfu.wire.sdp.RtcpFb;
import dev.vertxsfu.wire.sdp.RtpMap;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Setup;
import dev.vertxsfu.wire.sdp.Ssrc;
import java.util.List;

/**
 * The first offer a synthetic client makes (JSEP §5.2.1, unified plan): one VP8 video and one
 * Opus audio section, BUNDLEd, rtcp-mux, {@code a=setup:actpass}, our host candidate and
 * {@code a=end-of-candidates}. A publisher's sections are {@code sendonly}, each with
 * {@code a=msid} and its {@code a=ssrc} lines; a subscriber's {@code recvonly} (docs/protocol.md:
 * a client that only subscribes offers receive-only transceivers first, and the SFU's later
 * offers reuse or add sections). A simulcast publisher's video section lists its encodings'
 * SSRCs, smallest first, in {@code a=ssrc-group:SIM} (RFC 5576; libwebrtc's SSRC simulcast, no
 * RTX). No header extensions: nothing downstream needs them, and the
 * SFU and Janus read the SSRC lines to bind the streams.
 *
 * <p>Pure: builds a {@link SessionDescription}; any thread.
 */
final class ClientOffer {
  static final String VIDEO_MID = "0";
  static final String AUDIO_MID = "1";
  static final int VP8_PT = 96;
  static final int OPUS_PT = 111;

  private ClientOffer() {}

  /**
   * @param streamId the {@code a=msid} stream, shared by both tracks
   * @param videoTrackId the video track's id (docs/protocol.md's {@code trackId})
   * @param audioTrackId the audio track's id
   */
  static SessionDescription publisher(LocalTransport transport, long sessionId, String streamId,
      String videoTrackId, long videoSsrc, String audioTrackId, long audioSsrc) {
    return publisher(transport, sessionId, streamId, videoTrackId, new long[] {videoSsrc},
        audioTrackId, audioSsrc);
  }

  /**
   * @param videoSsrcs one SSRC per video encoding, smallest first: more than one is simulcast
   */
  static SessionDescription publisher(LocalTransport transport, long sessionId, String streamId,
      String videoTrackId, long[] videoSsrcs, String audioTrackId, long audioSsrc) {
    SessionDescription offer = new SessionDescription(Origin.of(sessionId, 1));
    offer.attributes().add(Group.bundle(List.of(VIDEO_MID, AUDIO_MID)).toAttribute());

    MediaDescription video = new MediaDescription("video", transport.port(),
        MediaDescription.RTP_PROTO, List.of(Integer.toString(VP8_PT)));
    section(video, transport, VIDEO_MID, Direction.SENDONLY);
    video.attributes().add(new RtpMap(VP8_PT, "VP8", 90000, null).toAttribute());
    video.attributes().add(new RtcpFb(VP8_PT, "nack", null).toAttribute());
    video.attributes().add(new RtcpFb(VP8_PT, "nack", "pli").toAttribute());
    video.attributes().add(new RtcpFb(VP8_PT, "ccm", "fir").toAttribute());
    if (videoSsrcs.length > 1) {
      StringBuilder group = new StringBuilder("SIM");
      for (long ssrc : videoSsrcs) {
        group.append(' ').append(ssrc);
      }
      video.attributes().add("ssrc-group", group.toString());
    }
    for (long videoSsrc : videoSsrcs) {
      tracks(video, streamId, videoTrackId, videoSsrc);
    }
    offer.media().add(video);

    MediaDescription audio = new MediaDescription("audio", transport.port(),
        MediaDescription.RTP_PROTO, List.of(Integer.toString(OPUS_PT)));
    section(audio, transport, AUDIO_MID, Direction.SENDONLY);
    audio.attributes().add(new RtpMap(OPUS_PT, "opus", 48000, 2).toAttribute());
    audio.attributes().add("fmtp", OPUS_PT + " minptime=10;useinbandfec=1");
    tracks(audio, streamId, audioTrackId, audioSsrc);
    offer.media().add(audio);
    return offer;
  }

  /** A subscriber's first offer: the same two sections, {@code recvonly}, with no track. */
  static SessionDescription receiveOnly(LocalTransport transport, long sessionId) {
    SessionDescription offer = new SessionDescription(Origin.of(sessionId, 1));
    offer.attributes().add(Group.bundle(List.of(VIDEO_MID, AUDIO_MID)).toAttribute());
    MediaDescription video = new MediaDescription("video", transport.port(),
        MediaDescription.RTP_PROTO, List.of(Integer.toString(VP8_PT)));
    section(video, transport, VIDEO_MID, Direction.RECVONLY);
    video.attributes().add(new RtpMap(VP8_PT, "VP8", 90000, null).toAttribute());
    video.attributes().add(new RtcpFb(VP8_PT, "nack", null).toAttribute());
    video.attributes().add(new RtcpFb(VP8_PT, "nack", "pli").toAttribute());
    offer.media().add(video);
    MediaDescription audio = new MediaDescription("audio", transport.port(),
        MediaDescription.RTP_PROTO, List.of(Integer.toString(OPUS_PT)));
    section(audio, transport, AUDIO_MID, Direction.RECVONLY);
    audio.attributes().add(new RtpMap(OPUS_PT, "opus", 48000, 2).toAttribute());
    audio.attributes().add("fmtp", OPUS_PT + " minptime=10;useinbandfec=1");
    offer.media().add(audio);
    return offer;
  }

  private static void section(MediaDescription media, LocalTransport transport, String mid,
      Direction direction) {
    media.attributes().add("mid", mid);
    transport.describe(media, Setup.ACTPASS);
    media.attributes().add(Attribute.of("rtcp-rsize"));
    media.attributes().setDirection(direction);
  }

  private static void tracks(MediaDescription media, String streamId, String trackId, long ssrc) {
    media.attributes().add(new Msid(streamId, trackId).toAttribute());
    media.attributes().add(new Ssrc(ssrc, Ssrc.CNAME, "synthetic-" + streamId).toAttribute());
    media.attributes().add(new Ssrc(ssrc, Msid.NAME, streamId + " " + trackId).toAttribute());
  }
}
