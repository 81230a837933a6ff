package dev.vertxsfu.room;

import dev.vertxsfu.media.negotiation.ExtensionIds;
import dev.vertxsfu.media.negotiation.MediaKind;
import dev.vertxsfu.media.negotiation.NegotiatedCodec;
import dev.vertxsfu.media.negotiation.NegotiatedSendTrack;
import dev.vertxsfu.media.negotiation.ReceivedTrack;
import dev.vertxsfu.media.negotiation.RtcpFeedback;
import dev.vertxsfu.media.negotiation.SendTrack;
import dev.vertxsfu.media.negotiation.StreamSsrcs;
import dev.vertxsfu.media.router.ConsumerParameters;
import dev.vertxsfu.media.router.ProducerParameters;
import dev.vertxsfu.wire.rtp.codec.VideoCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns what negotiation agreed (in SDP terms) into what the router forwards with (in RTP
 * terms): a received track into a producer's parameters, a subscription into the track the
 * SFU offers and, once answered, into a consumer's parameters.
 */
final class MediaParameters {
  /**
   * Transport-wide feedback lets the SFU estimate each subscriber's bandwidth (send side);
   * REMB is the fallback of a subscriber without it.
   */
  private static final List<RtcpFeedback> VIDEO_FEEDBACK =
      List.of(RtcpFeedback.NACK, RtcpFeedback.NACK_PLI, RtcpFeedback.CCM_FIR,
          RtcpFeedback.TRANSPORT_CC, RtcpFeedback.GOOG_REMB);

  private MediaParameters() {}

  static ProducerParameters producer(String producerId, ReceivedTrack track) {
    Map<Integer, Integer> clockRates = new HashMap<>();
    Map<Integer, Integer> rtxApt = new HashMap<>();
    Map<Integer, VideoCodec> videoCodecs = new HashMap<>();
    for (NegotiatedCodec codec : track.codecs()) {
      clockRates.put(codec.payloadType(), codec.codec().clockRate());
      if (codec.hasRtx()) {
        rtxApt.put(codec.rtxPayloadType(), codec.payloadType());
      }
      VideoCodec video = VideoCodec.fromEncodingName(codec.codec().name());
      if (video != null && track.kind() == MediaKind.VIDEO) {
        videoCodecs.put(codec.payloadType(), video);
      }
    }
    // rid simulcast: each layer's SSRCs come with its first packets (the rid extension), even
    // where the client also lists SSRCs (Firefox), whose order says nothing about the layers
    boolean byRid = track.kind() == MediaKind.VIDEO && track.rids().size() > 1;
    StreamSsrcs ssrcs = track.ssrcs().isEmpty() || byRid ? null : track.ssrcs().get(0);
    List<ProducerParameters.Encoding> encodings = new ArrayList<>();
    if (byRid) {
      track.rids().forEach(rid -> encodings.add(new ProducerParameters.Encoding(rid, 0, 0)));
    } else if (track.kind() == MediaKind.VIDEO && track.ssrcs().size() > 1) {
      for (StreamSsrcs layer : track.ssrcs()) { // a=ssrc-group:SIM, lowest first
        encodings.add(new ProducerParameters.Encoding(null, layer.ssrc(),
            layer.hasRtx() ? layer.rtxSsrc() : 0));
      }
    }
    return new ProducerParameters(producerId, track.kind().sdpName(), track.mid(),
        ssrcs == null || ssrcs.ssrc() == StreamSsrcs.NONE ? 0 : ssrcs.ssrc(),
        ssrcs == null || ssrcs.rtxSsrc() == StreamSsrcs.NONE ? 0 : ssrcs.rtxSsrc(),
        clockRates, rtxApt, videoCodecs, Math.max(0, track.extensionIds().mid()),
        Math.max(0, track.extensionIds().transportCc()),
        track.codecs().stream().anyMatch(c -> c.rtcpFeedback().contains(RtcpFeedback.CCM_FIR)),
        encodings, Math.max(0, track.extensionIds().rid()),
        Math.max(0, track.extensionIds().repairedRid()));
  }

  /** The track a subscriber is offered for a producer: the publisher's ids, our SSRCs. */
  static SendTrack sendTrack(String key, ReceivedTrack published, long ssrc, long rtxSsrc) {
    NegotiatedCodec codec = published.codecs().get(0);
    boolean video = published.kind() == MediaKind.VIDEO;
    return new SendTrack(key, published.kind(), published.trackId(), published.streamId(),
        codec.codec(), video, ssrc, video ? rtxSsrc : 0, video ? VIDEO_FEEDBACK : List.of());
  }

  static ConsumerParameters consumer(String consumerId, ReceivedTrack published,
      SendTrack offered, NegotiatedSendTrack answered) {
    int producerPt = published.codecs().get(0).payloadType();
    Map<Integer, Integer> rtx = new HashMap<>();
    if (answered.rtxPayloadType() >= 0 && offered.rtxSsrc() != 0) {
      rtx.put(answered.payloadType(), answered.rtxPayloadType());
    }
    Map<Integer, Integer> extensions = new HashMap<>();
    ExtensionIds from = published.extensionIds();
    ExtensionIds to = answered.extensionIds();
    mapExtension(extensions, from.absSendTime(), to.absSendTime());
    mapExtension(extensions, from.audioLevel(), to.audioLevel());
    mapExtension(extensions, from.videoOrientation(), to.videoOrientation());
    return new ConsumerParameters(consumerId, offered.ssrc(),
        rtx.isEmpty() ? 0 : offered.rtxSsrc(), Map.of(producerPt, answered.payloadType()), rtx,
        extensions, Math.max(0, to.mid()), answered.mid(), Math.max(0, to.transportCc()));
  }

  private static void mapExtension(Map<Integer, Integer> map, int from, int to) {
    if (from > 0 && to > 0) {
      map.put(from, to);
    }
  }
}
