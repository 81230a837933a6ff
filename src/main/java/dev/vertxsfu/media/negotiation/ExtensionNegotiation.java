package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Direction;
import dev.vertxsfu.wire.sdp.ExtMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which offered header extensions the SFU answers (RFC 8285 section 6, RFC 8829 section
 * 5.3.1): those {@link MediaCapabilities} accepts for the m-line's kind, with the offerer's id
 * (an answer never renumbers), the direction reversed when the offer gave one, and only ids of
 * the one-byte form (1 to 14, RFC 8285 section 4.2): the SFU does not answer
 * {@code a=extmap-allow-mixed}, so two-byte ids could not be used.
 */
final class ExtensionNegotiation {
  private ExtensionNegotiation() {}

  /** The answer's extmaps for an offered m-line of {@code kind}. */
  static List<ExtMap> answer(MediaKind kind, List<ExtMap> offered, MediaCapabilities capabilities) {
    List<ExtMap> answered = new ArrayList<>();
    for (ExtMap map : offered) {
      if (capabilities.extension(kind, map.uri()) == null || map.id() > ExtMap.MAX_ONE_BYTE_ID
          || map.direction() == Direction.INACTIVE || containsUri(answered, map.uri())) {
        continue;
      }
      Direction direction = map.direction() == null ? null : map.direction().reverse();
      answered.add(new ExtMap(map.id(), direction, map.uri(), null));
    }
    return answered;
  }

  /** The ids of {@code maps} by URI. */
  static ExtensionIds ids(List<ExtMap> maps) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (ExtMap map : maps) {
      ids.putIfAbsent(map.uri(), map.id());
    }
    return new ExtensionIds(ids);
  }

  /**
   * The extmaps of an answer to our offer: those of {@code offered} (ours) that the answer
   * kept with the same id.
   */
  static List<ExtMap> accepted(List<ExtMap> offered, List<ExtMap> answered) {
    List<ExtMap> accepted = new ArrayList<>();
    for (ExtMap map : answered) {
      for (ExtMap ours : offered) {
        if (ours.uri().equals(map.uri()) && ours.id() == map.id()
            && map.direction() != Direction.INACTIVE) {
          accepted.add(map);
          break;
        }
      }
    }
    return accepted;
  }

  private static boolean containsUri(List<ExtMap> maps, String uri) {
    return maps.stream().anyMatch(map -> map.uri().equals(uri));
  }
}
