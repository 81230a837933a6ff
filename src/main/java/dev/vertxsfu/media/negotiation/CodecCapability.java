package dev.vertxsfu.media.negotiation;

/**
 * One codec the SFU accepts, with the payload types it proposes when a client has not numbered
 * that codec yet (an SFU offer with a video m-line to an audio-only client).
 *
 * @param kind audio or video
 * @param codec the format; its identity parameters (H.264 profile and packetization mode, VP9
 *     profile-id, AV1 profile) decide which offered formats match it ({@link CodecMatcher})
 * @param preferredPayloadType the payload type proposed when free
 * @param preferredRtxPayloadType the RTX payload type proposed when free, or -1 if this codec
 *     is never given RTX (audio)
 */
public record CodecCapability(MediaKind kind, RtpCodec codec, int preferredPayloadType,
    int preferredRtxPayloadType) {
  public CodecCapability {
    if (kind == null || codec == null || codec.is(RtpCodec.RTX)) {
      throw new IllegalArgumentException("a codec capability needs a kind and a real codec");
    }
    if (preferredPayloadType < 0 || preferredPayloadType > 127
        || preferredRtxPayloadType < -1 || preferredRtxPayloadType > 127) {
      throw new IllegalArgumentException("payload types out of 0..127");
    }
  }

  /** Whether RTX is accepted and offered for this codec. */
  public boolean rtx() {
    return preferredRtxPayloadType >= 0;
  }
}
