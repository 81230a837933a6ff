package dev.vertxsfu.media.negotiation;

import java.util.ArrayList;
import java.util.List;

/**
 * What one client offer changes for the room: the tracks it starts and stops sending, and the
 * state of the SFU's tracks on its m-lines. Compares the sections before and after, m-line by
 * m-line (an m-line keeps its index for the session).
 */
final class TrackChanges {
  private TrackChanges() {}

  /** Tracks sent now that were not sent (the same way) before. */
  static List<ReceivedTrack> added(List<Section> before, List<Section> after) {
    List<ReceivedTrack> added = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      ReceivedTrack now = after.get(i).received();
      ReceivedTrack then = i < before.size() ? before.get(i).received() : null;
      if (now != null && !now.sameSourceAs(then)) {
        added.add(now);
      }
    }
    return added;
  }

  /** Tracks sent before that are not sent (the same way) now. */
  static List<ReceivedTrack> removed(List<Section> before, List<Section> after) {
    List<ReceivedTrack> removed = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      ReceivedTrack then = before.get(i).received();
      ReceivedTrack now = i < after.size() ? after.get(i).received() : null;
      if (then != null && !then.sameSourceAs(now)) {
        removed.add(then);
      }
    }
    return removed;
  }

  /**
   * The state of every SendTrack placed before or now: those still placed as negotiated now,
   * those whose m-line the client rejected as refused.
   */
  static List<NegotiatedSendTrack> sendStates(List<Section> before, List<Section> after) {
    List<NegotiatedSendTrack> states = new ArrayList<>();
    for (int i = 0; i < after.size(); i++) {
      Section now = after.get(i);
      Section then = i < before.size() ? before.get(i) : null;
      if (now.sendState() != null) {
        states.add(now.sendState());
      } else if (then != null && then.sending() != null) {
        states.add(NegotiatedSendTrack.refused(then.sending().key(), then.mid(),
            "the client rejected mid " + then.mid() + " (port 0)"));
      }
    }
    return states;
  }
}
