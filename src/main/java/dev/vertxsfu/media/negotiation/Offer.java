package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.SessionDescription;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SFU's offer to one client ({@link SessionNegotiator#createOffer}).
 *
 * @param description the offer (a fresh object; the negotiator keeps no reference to it)
 * @param sdp its text, for the {@code offer} message
 * @param mids the mid each SendTrack got, by key, in the order the tracks were given
 */
public record Offer(SessionDescription description, String sdp, Map<String, String> mids) {
  public Offer {
    mids = Collections.unmodifiableMap(new LinkedHashMap<>(mids));
  }

  /** The mid of the SendTrack with {@code key}, or {@code null}. */
  public String mid(String key) {
    return mids.get(key);
  }
}
