package dev.vertxsfu.media.router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which simulcast layers each publisher should encode (LiveKit's "dynacast"): the layers some
 * consumer of the track forwards, waits for a key frame of, or would pick were every layer
 * flowing ({@link SimulcastConsumer#layersWanted}), kept by a {@link WantedLayers} per producer
 * (a layer dropped only after {@value WantedLayers#DROP_AFTER_MILLIS} ms unused, added at once).
 * A change goes to the {@link Router.LayersWantedListener} (the room tells the publisher,
 * {@code layers_wanted}); a layer wanted again gets a key-frame request as soon as it flows
 * again (or at once, when the publisher never stopped it), so the consumers waiting for it can
 * switch to it. Not before it flows: the publisher would ignore a request for an encoding it
 * does not send, and the producer's one-a-second throttle would then hold back the one that
 * counts.
 *
 * <p>A track nobody subscribes to keeps every layer: the next subscriber then sees video at
 * once, without waiting for the publisher to restart an encoder. A consumer paused or hidden by
 * its subscriber wants nothing, so a track with subscribers is left without a layer only when
 * every one of them hid it. Bandwidth does not count (as in LiveKit, whose dynacast follows the
 * subscribers' settings): the allocator prices only layers that flow, so a layer stopped because
 * a subscriber's estimate was short would never be offered to it again.
 *
 * <p>Owned by the room's {@link Router} and called from its {@link Router#tick}, on the room's
 * event loop; runs at most every {@value #INTERVAL_MILLIS} ms, never per packet. Holds one entry
 * per simulcast producer, removed with the producer.
 */
final class Dynacast {
  /** How often the wanted layers are computed. */
  static final long INTERVAL_MILLIS = 250;

  /** The state of one producer's layers. */
  private static final class Track {
    final WantedLayers wanted;
    /** Layers wanted again whose key frame is asked for once they flow (a bit each). */
    int keyFrameDue;

    Track(int layers, long nowMillis) {
      this.wanted = new WantedLayers(layers, nowMillis);
    }
  }

  private final Map<Producer, Track> tracks = new HashMap<>();
  private long lastRunMillis = Long.MIN_VALUE;

  /** The room's timer: computes each simulcast producer's wanted layers, tells changes. */
  void tick(Iterable<Producer> producers, Router.LayersWantedListener listener, long nowMillis) {
    if (lastRunMillis != Long.MIN_VALUE && nowMillis - lastRunMillis < INTERVAL_MILLIS) {
      return;
    }
    lastRunMillis = nowMillis;
    for (Producer producer : producers) {
      if (!tracked(producer)) {
        continue;
      }
      Track track = tracks.computeIfAbsent(producer,
          p -> new Track(p.streamCount(), nowMillis));
      List<LayerSelector.Layer> layers = producer.layers(nowMillis);
      int wanted = 0;
      List<Consumer> consumers = producer.consumers();
      if (consumers.isEmpty()) {
        wanted = (1 << producer.streamCount()) - 1;
      }
      for (int i = 0; i < consumers.size(); i++) {
        if (consumers.get(i) instanceof SimulcastConsumer consumer) {
          wanted |= consumer.layersWanted(layers);
        }
      }
      boolean changed = track.wanted.update(wanted, nowMillis);
      track.keyFrameDue = (track.keyFrameDue | track.wanted.added()) & track.wanted.announced();
      for (int i = 0; i < producer.streamCount(); i++) {
        if ((track.keyFrameDue & (1 << i)) != 0 && producer.flowing(i)) {
          track.keyFrameDue &= ~(1 << i);
          producer.requestKeyFrame(i, nowMillis);
        }
      }
      if (changed) {
        listener.onLayersWanted(producer, spatial(producer, track.wanted.announced()));
      }
    }
  }

  /** The layers a producer's publisher is told to encode, as a bit set; -1 when not tracked. */
  int announced(Producer producer) {
    Track track = tracks.get(producer);
    return track == null ? -1 : track.wanted.announced();
  }

  /** Forgets a closed producer. */
  void remove(Producer producer) {
    tracks.remove(producer);
  }

  /** Simulcast video (by rids or by {@code a=ssrc-group:SIM}) of at most the tracked layers. */
  private static boolean tracked(Producer producer) {
    int layers = producer.streamCount();
    return producer.parameters().simulcast() && producer.parameters().isVideo() && layers >= 2
        && layers <= WantedLayers.MAX_LAYERS;
  }

  private static List<Integer> spatial(Producer producer, int layers) {
    List<Integer> spatial = new ArrayList<>();
    for (int i = 0; i < producer.streamCount(); i++) {
      if ((layers & (1 << i)) != 0) {
        spatial.add(i);
      }
    }
    return List.copyOf(spatial);
  }
}
