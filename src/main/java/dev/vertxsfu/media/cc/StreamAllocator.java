package dev.vertxsfu.media.cc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Spreads one subscriber's bandwidth estimate over its tracks (LiveKit's stream allocator, Jitsi
 * Videobridge's bandwidth allocator): audio always, whatever it costs; then video in priority
 * order, screen shares before cameras and larger tiles before smaller ones. First every video
 * gets its lowest layer while the budget lasts (a video whose lowest layer does not fit is paused
 * for bandwidth, but a video of one layer only below {@value #SINGLE_LAYER_SHARE} of it), then each in the same order climbs to the highest layer that fits, up to what
 * the subscriber asked.
 *
 * <p>Hysteresis, so layers do not flap on an estimate that wobbles by GCC's ±15 %: going down is
 * immediate, but a step up must fit with {@value #UPGRADE_MARGIN} times its upgrade price (the
 * layer's busiest recent second, {@link TrackDemand#upgradeBitrates}), a resume with
 * {@value #RESUME_MARGIN} times the lowest layer's rate, and either must keep fitting for
 * {@value #UPGRADE_HOLD_MS} ms before it is taken; while a step up waits, the budget it would
 * take stays with the others. A track seen for the first time starts at what fits, without
 * waiting, and so does a step up the subscriber just asked for (the layer its wish picks rose,
 * {@link TrackDemand#wishedLayer}: its tile grew, the estimate did not move, so there is nothing
 * to doubt, and a viewer waits for the hold otherwise), also when the layer it asked for starts
 * to flow only later (dynacast restarts it), for at most {@value #ASKED_FLOW_WAIT_MS} ms. A
 * layer the publisher stopped and resumed is no such ask, though the highest layer the
 * subscriber may have ({@link TrackDemand#maxLayer}) rises with it: its step up waits the hold.
 * A probe that succeeded is that proof already
 * (LiveKit probes before it upgrades): the first allocation after {@link #onProbeSucceeded} takes
 * the upgrades the estimate it confirmed carries at once. Waiting the hold on top of it left the
 * sender application-limited for seconds after each step, acknowledging far less than the
 * estimate, and any overuse then cut the estimate to what was acknowledged.
 *
 * <p>A pause is held back too: a video that is being forwarded keeps its lowest layer until
 * that layer has not fitted for {@value #PAUSE_HOLD_MS} ms, as long as the budget left carries
 * at least half of it. A layer's measured bitrate jumps for
 * a second after each of its key frames (every new subscriber or layer switch asks for one), and
 * pausing on such a jump costs the subscriber a freeze and a key frame to resume. While it is
 * held, the allocation may exceed the estimate by at most half of that one layer. So is a step
 * down that the layer's own jump asks for while the estimate stands where it was when the layer
 * was taken (on a 600 kbit/s link the middle layer, just taken, was left at its key frame's jump
 * and taken again seconds later, over and over); a step down after the estimate fell is
 * immediate.
 *
 * <p>Owned by the subscriber's transport, on the room's event loop; called when the estimate
 * moves or the tracks change. Keeps per track only its layer and the time an upgrade began to
 * fit, and forgets tracks absent from the last input, so its state is bounded by the
 * subscriber's tracks. Each change is logged at FINE with the estimate behind it.
 */
public final class StreamAllocator {
  /**
   * A step up is taken only when the estimate carries this many times the layer's upgrade price
   * (its busiest recent second). GCC answers an overuse with 0.85 of what was acknowledged, so a
   * layer that fills more than ~80 % of the path is cut under at its next overuse: at 1.10 a
   * 600 kbit/s link took the middle layer (395-530 kbit/s, with audio ~90 % of the link) and lost
   * it again within seconds, over and over.
   */
  static final double UPGRADE_MARGIN = 1.25;
  /**
   * A paused video resumes on its lowest layer when the estimate carries this many times the
   * layer's rate of the last second (not its busiest): the busiest second of a layer just left
   * holds the key frame its own switch asked for, and Chromium behind 300 kbit/s stayed paused
   * 6.2 s, until that second aged out of the history, with the estimate at twice the layer.
   */
  static final double RESUME_MARGIN = 1.10;
  public static final long UPGRADE_HOLD_MS = 2_000;
  /**
   * A step up the subscriber asked for skips the hold until the layer it asked for flows, for at
   * most this long: a tile that grows while only small tiles watched asks for a layer dynacast
   * had the publisher stop, and it flows again only once the publisher restarts it
   * (DynacastClientTest). A layer that resumes later, or that the subscriber did not ask for, is
   * the publisher's doing (libwebrtc stops its upper layers while its own estimate is short) and
   * says nothing about the subscriber's path: its step up waits the hold like any other.
   */
  static final long ASKED_FLOW_WAIT_MS = UPGRADE_HOLD_MS;
  public static final long PAUSE_HOLD_MS = 1_500;
  /** The estimate "stands" while it is at least this share of what it was when a layer was taken. */
  static final double ESTIMATE_STANDS = 0.95;
  /**
   * A video with one layer (not simulcast) is kept while what is left of the budget carries this
   * share of it, and only paused below: the SFU cannot lower its rate, and pausing it for a budget
   * somewhat short of it (an estimate held at its start by the loss-based part on a lossy path,
   * whose losses NACK recovers) starves the subscriber of the only picture it has, as LiveKit
   * keeps such a track unless told to pause. The path's own congestion then shows as delay and
   * loss, and lowers the estimate until the share is not met.
   */
  public static final double SINGLE_LAYER_SHARE = 0.25;

  private static final Logger LOG = Logger.getLogger(StreamAllocator.class.getName());
  private static final int NONE = TrackAllocation.NONE;

  /** Videos: screen shares first, larger tiles first (0 = no size = largest), then by id. */
  private static final Comparator<TrackDemand> PRIORITY = Comparator
      .comparing((TrackDemand d) -> d.kind() == TrackKind.SCREEN ? 0 : 1)
      .thenComparing(d -> d.tileArea() == 0 ? Long.MAX_VALUE : d.tileArea(),
          Comparator.reverseOrder())
      .thenComparing(TrackDemand::trackId);

  private static final class TrackState {
    int layer = NONE;
    boolean pausedForBandwidth;
    long upgradeSinceMs = Long.MIN_VALUE;
    /** When this forwarded video's layer (or its lowest) stopped fitting, or MIN_VALUE. */
    long downSinceMs = Long.MIN_VALUE;
    /** The estimate when the video's layer was last changed. */
    long layerEstimateBps;
    /** The layer the subscriber wished for at the last allocation. */
    int wishedLayer = NONE;
    /**
     * When the subscriber last asked for a layer above what flows for it (its wish rose), until
     * that layer flows or {@value #ASKED_FLOW_WAIT_MS} ms pass; MIN_VALUE when it did not.
     */
    long askedSinceMs = Long.MIN_VALUE;
  }

  private final String subscriber;
  private final Map<String, TrackState> states = new HashMap<>();
  /** The bitrate the last successful probe measured, until an allocation used it; 0 if none. */
  private long confirmedBps;

  /** @param subscriber names the subscriber in the log */
  public StreamAllocator(String subscriber) {
    this.subscriber = subscriber;
  }

  /**
   * A probe measured the path at {@code resultBps}, as high as it aimed: the next allocation
   * takes the upgrades that fit the estimate without the hold, if the estimate is no higher than
   * what the probe measured (plus the upgrade margin).
   */
  public void onProbeSucceeded(long resultBps) {
    confirmedBps = resultBps;
  }

  /** Decides every track's layer for {@code estimateBps} at {@code nowMs}. */
  public StreamAllocation allocate(long estimateBps, List<TrackDemand> demands, long nowMs) {
    return allocate(estimateBps, demands, nowMs, true);
  }

  /**
   * As {@link #allocate(long, List, long)}; {@code measured} false while the estimate is only the
   * start value (no feedback yet): a step down that a layer's own growth asks for is then held
   * for as long as the budget left carries half of it, not only the hold time. A publisher's
   * encoder ramps its layers up over its first seconds, and an unshaped subscriber was moved off
   * the top layer before its first probe could show the room for it.
   */
  public StreamAllocation allocate(long estimateBps, List<TrackDemand> demands, long nowMs,
      boolean measured) {
    boolean confirmed = confirmedBps > 0 && estimateBps <= confirmedBps * UPGRADE_MARGIN;
    confirmedBps = 0;
    Set<String> present = new HashSet<>();
    for (TrackDemand demand : demands) {
      present.add(demand.trackId());
    }
    states.keySet().retainAll(present);

    long budget = estimateBps;
    long desired = 0;
    List<TrackDemand> videos = new ArrayList<>();
    for (TrackDemand demand : demands) {
      if (demand.kind() == TrackKind.AUDIO) {
        budget -= demand.bitrate(0);
        desired += demand.bitrate(0);
      } else {
        videos.add(demand);
        int highest = demand.highestLayer();
        desired += highest < 0 ? 0 : demand.bitrate(highest);
      }
    }
    videos.sort(PRIORITY);

    int n = videos.size();
    int[] current = new int[n];
    boolean[] fresh = new boolean[n];
    boolean[] asked = new boolean[n];
    int[] cap = new int[n];
    for (int i = 0; i < n; i++) {
      TrackState state = states.get(videos.get(i).trackId());
      fresh[i] = state == null;
      if (state != null && videos.get(i).wishedLayer() > state.wishedLayer) {
        state.askedSinceMs = nowMs;
      }
      asked[i] = state != null && asking(state, nowMs);
      current[i] = state == null ? NONE : state.layer;
      cap[i] = videos.get(i).maxLayer();
    }

    int[] wanted = fit(videos, current, fresh, cap, budget);
    for (int i = 0; i < n; i++) {
      TrackState state = states.computeIfAbsent(videos.get(i).trackId(), id -> new TrackState());
      if (fresh[i] || wanted[i] <= current[i]) {
        state.upgradeSinceMs = Long.MIN_VALUE;
      } else if (state.upgradeSinceMs == Long.MIN_VALUE) {
        state.upgradeSinceMs = nowMs;
      }
    }
    // hold back the upgrades not yet due, and let the others share what they leave
    int[] chosen = wanted;
    for (int round = 0; round < n; round++) {
      boolean held = false;
      for (int i = 0; i < n; i++) {
        TrackState state = states.get(videos.get(i).trackId());
        boolean due = confirmed || asked[i] || (state.upgradeSinceMs != Long.MIN_VALUE
            && nowMs - state.upgradeSinceMs >= UPGRADE_HOLD_MS);
        if (!fresh[i] && chosen[i] > current[i] && !due && cap[i] != current[i]) {
          cap[i] = current[i];
          held = true;
        }
      }
      if (!held) {
        break;
      }
      chosen = fit(videos, current, fresh, cap, budget);
    }
    holdDowngrades(videos, current, fresh, chosen, budget, estimateBps, measured, nowMs);
    return record(estimateBps, demands, videos, chosen, current, desired, nowMs);
  }

  /**
   * Keeps a forwarded video's layer for {@value #PAUSE_HOLD_MS} ms after it stopped fitting, if
   * the estimate stands where it was when the layer was taken, no other video steps up now, and
   * what is left of the budget carries at least half of what the layer adds; a pause keeps the lowest layer so, whatever the
   * estimate did. A link that fell far below the layer steps down, or pauses, at once.
   */
  private void holdDowngrades(List<TrackDemand> videos, int[] current, boolean[] fresh,
      int[] chosen, long budget, long estimateBps, boolean measured, long nowMs) {
    long left = budget;
    boolean upgrading = false;
    for (int i = 0; i < videos.size(); i++) {
      left -= chosen[i] == NONE ? 0 : videos.get(i).bitrate(chosen[i]);
      upgrading |= chosen[i] != NONE && (current[i] == NONE || chosen[i] > current[i]);
    }
    for (int i = 0; i < videos.size(); i++) {
      TrackDemand video = videos.get(i);
      TrackState state = states.get(video.trackId());
      int lowest = lowestUpTo(video, video.maxLayer());
      boolean down = !fresh[i] && current[i] != NONE && lowest != NONE
          && (chosen[i] == NONE || chosen[i] < current[i]) && current[i] <= video.maxLayer();
      if (!down) {
        state.downSinceMs = Long.MIN_VALUE;
        continue;
      }
      if (state.downSinceMs == Long.MIN_VALUE) {
        state.downSinceMs = nowMs;
      }
      if (measured && nowMs - state.downSinceMs >= PAUSE_HOLD_MS) {
        continue;
      }
      long have = chosen[i] == NONE ? 0 : video.bitrate(chosen[i]);
      // a step down that makes room for another's step up is the priority order at work
      int keep = !upgrading && estimateBps >= state.layerEstimateBps * ESTIMATE_STANDS
          ? current[i] : NONE;
      if (keep != NONE && video.bitrate(keep) > 0 && 2 * left >= video.bitrate(keep) - have) {
        left -= video.bitrate(keep) - have;
        chosen[i] = keep;
      } else if (chosen[i] == NONE && 2 * left >= video.bitrate(lowest)) {
        left -= video.bitrate(lowest);
        chosen[i] = lowest;
      }
    }
  }


  /**
   * Lowest layers first in priority order, then climbs; layers above {@code cap} are not
   * considered ({@code cap} below 0: none). Returns the layer per video, {@link #NONE} when
   * paused.
   */
  private static int[] fit(List<TrackDemand> videos, int[] current, boolean[] fresh, int[] cap,
      long budget) {
    int n = videos.size();
    int[] layer = new int[n];
    double left = budget;
    for (int i = 0; i < n; i++) {
      layer[i] = NONE;
      int lowest = lowestUpTo(videos.get(i), cap[i]);
      if (lowest == NONE) {
        continue;
      }
      double cost = cost(videos.get(i), lowest, current[i], fresh[i]);
      if (cost <= left) {
        layer[i] = lowest;
        left -= cost;
      }
    }
    for (int i = 0; i < n; i++) {
      int lowest = lowestUpTo(videos.get(i), cap[i]);
      if (layer[i] == NONE && lowest != NONE && singleLayer(videos.get(i))
          && videos.get(i).bitrate(lowest) * SINGLE_LAYER_SHARE <= left) {
        layer[i] = lowest;
        left -= videos.get(i).bitrate(lowest);
      }
    }
    for (int i = 0; i < n; i++) {
      if (layer[i] == NONE) {
        continue;
      }
      TrackDemand video = videos.get(i);
      double have = cost(video, layer[i], current[i], fresh[i]);
      for (int l = Math.min(cap[i], video.layers() - 1); l > layer[i]; l--) {
        if (video.bitrate(l) <= 0) {
          continue;
        }
        double extra = cost(video, l, current[i], fresh[i]) - have;
        if (extra <= left) {
          layer[i] = l;
          left -= extra;
          break;
        }
      }
    }
    return layer;
  }

  /** Whether {@code video} has one layer with a bitrate (a track that is not simulcast). */
  private static boolean singleLayer(TrackDemand video) {
    int layers = 0;
    for (int l = 0; l < video.layers(); l++) {
      layers += video.bitrate(l) > 0 ? 1 : 0;
    }
    return layers == 1;
  }

  private static int lowestUpTo(TrackDemand video, int cap) {
    for (int l = 0; l <= Math.min(cap, video.layers() - 1); l++) {
      if (video.bitrate(l) > 0) {
        return l;
      }
    }
    return NONE;
  }

  /**
   * A layer's bitrate; a step up from the current one costs its upgrade price (its busiest recent
   * second, {@link TrackDemand#upgradeBitrates}) with the margin.
   */
  private static double cost(TrackDemand video, int layer, int current, boolean fresh) {
    return !fresh && layer > current ? stepCost(video, layer, current) : video.bitrate(layer);
  }

  /**
   * What a step from {@code current} up to {@code layer} is priced at: a resume from a pause
   * ({@code current} {@link #NONE}) at {@value #RESUME_MARGIN} times the layer's rate, a step
   * between layers at {@value #UPGRADE_MARGIN} times its busiest recent second.
   */
  private static double stepCost(TrackDemand video, int layer, int current) {
    return current == NONE ? video.bitrate(layer) * RESUME_MARGIN
        : video.upgradeBitrate(layer) * UPGRADE_MARGIN;
  }

  private StreamAllocation record(long estimateBps, List<TrackDemand> demands,
      List<TrackDemand> videos, int[] chosen, int[] current, long desired, long nowMs) {
    Map<String, TrackAllocation> byId = new HashMap<>();
    long allocated = 0;
    long nextStep = 0;
    for (int i = 0; i < videos.size(); i++) {
      TrackDemand video = videos.get(i);
      TrackState state = states.get(video.trackId());
      int layer = chosen[i];
      long bitrate = layer == NONE ? 0 : video.bitrate(layer);
      allocated += bitrate;
      TrackAllocation.State kind;
      if (video.maxLayer() < 0) {
        kind = TrackAllocation.State.PAUSED_SUBSCRIBER;
      } else if (layer == NONE && video.lowestLayer() != NONE) {
        kind = TrackAllocation.State.PAUSED_BANDWIDTH;
      } else {
        kind = TrackAllocation.State.FORWARDING;
      }
      boolean pausedNow = kind == TrackAllocation.State.PAUSED_BANDWIDTH;
      TrackAllocation.Transition transition = pausedNow == state.pausedForBandwidth
          ? TrackAllocation.Transition.NONE
          : pausedNow ? TrackAllocation.Transition.PAUSED : TrackAllocation.Transition.RESUMED;
      if ((layer != current[i] || transition != TrackAllocation.Transition.NONE)
          && LOG.isLoggable(Level.FINE)) {
        // whether a step up skipped the hold as asked for, the layer wished for before, and
        // the demand's rates and step prices: what a layer change was decided on
        LOG.fine(String.format("subscriber %s track %s: layer %d -> %d (%s), estimate %d bit/s,"
            + " allocated so far %d, asked %b, wished before %d, %s", subscriber,
            video.trackId(), current[i], layer, kind, estimateBps, allocated,
            asking(state, nowMs), state.wishedLayer, video));
      }
      if (layer != state.layer) {
        state.layerEstimateBps = estimateBps;
      }
      state.layer = layer;
      if (video.maxLayer() >= video.wishedLayer() || !asking(state, nowMs)) {
        state.askedSinceMs = Long.MIN_VALUE; // what it asked for flows (or it asks no more)
      }
      state.wishedLayer = video.wishedLayer();
      state.pausedForBandwidth = pausedNow;
      byId.put(video.trackId(), new TrackAllocation(video.trackId(), layer, bitrate, kind,
          transition));
    }
    for (TrackDemand demand : demands) {
      if (demand.kind() == TrackKind.AUDIO) {
        allocated += demand.bitrate(0);
        byId.put(demand.trackId(), new TrackAllocation(demand.trackId(), 0, demand.bitrate(0),
            TrackAllocation.State.FORWARDING, TrackAllocation.Transition.NONE));
      }
    }
    for (int i = 0; i < videos.size() && nextStep == 0; i++) {
      int next = nextLayer(videos.get(i), chosen[i]);
      if (next != NONE) {
        long have = chosen[i] == NONE ? 0 : videos.get(i).bitrate(chosen[i]);
        nextStep = allocated - have + Math.round(stepCost(videos.get(i), next, chosen[i]));
      }
    }
    List<TrackAllocation> ordered = new ArrayList<>(demands.size());
    for (TrackDemand demand : demands) {
      ordered.add(byId.get(demand.trackId()));
    }
    return new StreamAllocation(estimateBps, ordered, allocated, desired, nextStep);
  }

  /** Whether a step up the subscriber asked for may still skip the hold. */
  private static boolean asking(TrackState state, long nowMs) {
    return state.askedSinceMs != Long.MIN_VALUE
        && nowMs - state.askedSinceMs < ASKED_FLOW_WAIT_MS;
  }

  /** The flowing layer above {@code layer} up to what was asked, or {@link #NONE}. */
  private static int nextLayer(TrackDemand video, int layer) {
    for (int l = layer + 1; l <= video.maxLayer(); l++) {
      if (video.bitrate(l) > 0) {
        return l;
      }
    }
    return NONE;
  }
}
