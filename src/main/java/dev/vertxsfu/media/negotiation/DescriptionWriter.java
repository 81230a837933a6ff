package dev.vertxsfu.media.negotiation;

import dev.vertxsfu.wire.sdp.Attribute;
import dev.vertxsfu.wire.sdp.Group;
import dev.vertxsfu.wire.sdp.Origin;
import dev.vertxsfu.wire.sdp.SessionDescription;
import dev.vertxsfu.wire.sdp.Setup;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the SFU's session description, answer or offer, from the sections (RFC 8829 sections
 * 5.2 and 5.3): {@code o=} with the session id of the client and the description's version,
 * {@code s=-}, {@code t=0 0}, {@code a=ice-lite} (RFC 8839 section 5.3), one
 * {@code a=group:BUNDLE} of the accepted mids, {@code a=msid-semantic: WMS} with the streams
 * the SFU sends, then the m-lines.
 */
final class DescriptionWriter {
  private final SectionWriter sections;

  DescriptionWriter(LocalEndpoint local, String cname) {
    this.sections = new SectionWriter(local, cname);
  }

  /**
   * @param bundleOrder the accepted mids, the BUNDLE-tagged one first
   * @param setup {@code passive} in answers, {@code actpass} in offers
   */
  SessionDescription write(long sessionId, long version, List<Section> list,
      List<String> bundleOrder, Setup setup) {
    SessionDescription description = new SessionDescription(Origin.of(sessionId, version));
    description.attributes().add(Attribute.of("ice-lite"));
    if (!bundleOrder.isEmpty()) {
      description.attributes().add(Group.bundle(bundleOrder).toAttribute());
    }
    Set<String> streams = new LinkedHashSet<>();
    for (Section section : list) {
      if (section.sending() != null && section.localDirection().sends()
          && !section.sending().streamId().equals("-")) {
        streams.add(section.sending().streamId());
      }
    }
    List<String> semantic = new ArrayList<>(List.of(" WMS"));
    semantic.addAll(streams);
    description.attributes().add(Attribute.of("msid-semantic", String.join(" ", semantic)));
    String tagged = bundleOrder.isEmpty() ? null : bundleOrder.get(0);
    for (Section section : list) {
      boolean isTagged = !section.rejected() && section.mid() != null
          && section.mid().equals(tagged);
      description.media().add(sections.write(section, setup, isTagged));
    }
    return description;
  }
}
