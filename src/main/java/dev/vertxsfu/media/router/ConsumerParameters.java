package dev.vertxsfu.media.router;

import java.util.Map;

/**
 * How one subscriber receives one producer (mediasoup's RTP parameters of a consumer), in the
 * numbers of the subscriber's SDP.
 *
 * @param id the consumer id
 * @param ssrc the SSRC this consumer sends with (announced in the SFU's offer)
 * @param rtxSsrc its RTX SSRC, or 0 without RTX
 * @param payloadTypes subscriber payload type per producer payload type (media only)
 * @param rtxPayloadTypes subscriber RTX payload type per subscriber media payload type
 * @param extensionIds subscriber extension id per producer extension id, for the extensions
 *     forwarded as they are (abs-send-time, audio level, video orientation)
 * @param midExtensionId the subscriber's id of the {@code sdes:mid} extension, or 0
 * @param mid the subscriber's mid of the m-line carrying this consumer
 * @param transportCcExtensionId the subscriber's id of the transport-wide sequence number
 *     extension, or 0 when it did not negotiate it (then no send-side estimate for it)
 */
public record ConsumerParameters(String id, long ssrc, long rtxSsrc,
    Map<Integer, Integer> payloadTypes, Map<Integer, Integer> rtxPayloadTypes,
    Map<Integer, Integer> extensionIds, int midExtensionId, String mid,
    int transportCcExtensionId) {

  /** Without the transport-wide sequence number extension. */
  public ConsumerParameters(String id, long ssrc, long rtxSsrc,
      Map<Integer, Integer> payloadTypes, Map<Integer, Integer> rtxPayloadTypes,
      Map<Integer, Integer> extensionIds, int midExtensionId, String mid) {
    this(id, ssrc, rtxSsrc, payloadTypes, rtxPayloadTypes, extensionIds, midExtensionId, mid, 0);
  }
}
