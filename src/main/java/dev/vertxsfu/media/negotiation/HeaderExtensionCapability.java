package dev.vertxsfu.media.negotiation;

/**
 * One RTP header extension the SFU accepts on m-lines of one kind, with the id it proposes when
 * the client has not numbered that extension yet.
 *
 * @param kind audio or video
 * @param uri the extension's URI ({@link RtpHeaderExtensionUris})
 * @param preferredId 1 to 14 (the one-byte header form, RFC 8285 section 4.2)
 * @param sendable whether the SFU offers it on m-lines it sends on. The rid extensions are
 *     offered too, though the SFU never sends them (its consumers map only abs-send-time, audio
 *     level and video orientation onward): Chromium numbers a later m-line of its own offers
 *     from what the session has negotiated, and without them in the SFU's offers a camera it
 *     publishes with simulcast after the SFU's first offer fails ("negotiates simulcast but does
 *     not negotiate the RID RTP header extension")
 */
public record HeaderExtensionCapability(MediaKind kind, String uri, int preferredId,
    boolean sendable) {
  public HeaderExtensionCapability {
    if (kind == null || uri == null || uri.isEmpty() || uri.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("an extension capability needs a kind and a URI");
    }
    if (preferredId < 1 || preferredId > 14) {
      throw new IllegalArgumentException("extension id out of 1..14: " + preferredId);
    }
  }
}
