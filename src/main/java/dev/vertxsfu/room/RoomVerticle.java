package dev.vertxsfu.room;

import dev.vertxsfu.config.SfuConfig;
import dev.vertxsfu.media.dtls.DtlsCertificate;
import dev.vertxsfu.media.dtls.DtlsFingerprint;
import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.media.negotiation.Answer;
import dev.vertxsfu.media.negotiation.HostCandidate;
import dev.vertxsfu.media.negotiation.LocalEndpoint;
import dev.vertxsfu.media.negotiation.MediaCapabilities;
import dev.vertxsfu.media.negotiation.NegotiatedSendTrack;
import dev.vertxsfu.media.negotiation.NegotiationException;
import dev.vertxsfu.media.negotiation.Offer;
import dev.vertxsfu.media.negotiation.ReceivedTrack;
import dev.vertxsfu.media.negotiation.SendTrack;
import dev.vertxsfu.media.negotiation.SessionNegotiator;
import dev.vertxsfu.media.router.Router;
import dev.vertxsfu.media.transport.TransportState;
import dev.vertxsfu.media.transport.WebRtcServer;
import dev.vertxsfu.media.transport.WebRtcTransport;
import dev.vertxsfu.wire.WireFormatException;
import dev.vertxsfu.wire.sdp.Candidate;
import dev.vertxsfu.wire.sdp.SessionDescription;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;

/**
 * One room (DESIGN.md): the single owner of its UDP socket, its clients' transports, the
 * router with every producer and consumer, and each client's negotiation. Every packet and
 * every call of a room runs on its event loop, so nothing in it takes a lock.
 *
 * <p>Its Java API ({@link #addClient}, {@link #negotiate}, {@link #answer},
 * {@link #subscribe}, ...) may be called from any thread: each call hops onto the room's
 * context and completes its future there. Events for a client reach its
 * {@link RoomClientListener} on the room's loop. A bad SDP or an unknown client fails the
 * call's future with a {@link RoomException} and leaves the room as it was.
 */
public final class RoomVerticle extends VerticleBase {
  static final long TICK_MILLIS = 20;
  static final long CONSENT_CHECK_MILLIS = 1000;

  private final String roomId;
  private final SfuConfig.MediaConfig media;
  private final DtlsCertificate certificate;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Client> clients = new LinkedHashMap<>();
  private final Set<Long> ssrcsInUse = new HashSet<>();
  private final WebRtcServer server = new WebRtcServer();
  private Router router;
  private MediaSocket socket;
  private Executor owner;
  private Executor blocking;
  private SendFilter sendFilter;
  private long lastConsentCheck;

  /** A test's view of what leaves the socket: return false to drop the datagram. */
  public interface SendFilter {
    boolean send(String clientId, byte[] buf, int off, int len);
  }

  public RoomVerticle(String roomId, SfuConfig.MediaConfig media, DtlsCertificate certificate) {
    this.roomId = roomId;
    this.media = media;
    this.certificate = certificate;
  }

  @Override
  public Future<?> start() {
    router = new Router(random);
    owner = task -> context.runOnContext(v -> task.run());
    blocking = task -> vertx.executeBlocking(() -> {
      task.run();
      return null;
    }, false);
    vertx.setPeriodic(TICK_MILLIS, id -> tick());
    return MediaSocket.bind(vertx, media.bindHost(), media.minPort(), media.maxPort(),
            (buf, off, len, from) -> server.receive(buf, off, len, from, now()))
        .onSuccess(bound -> socket = bound);
  }

  @Override
  public Future<?> stop() {
    clients.values().forEach(client -> {
      if (client.transport != null) {
        client.transport.close();
      }
    });
    return socket == null ? Future.succeededFuture() : socket.close();
  }

  public String roomId() {
    return roomId;
  }

  /** The UDP port every client of this room sends media to. */
  public int mediaPort() {
    return socket.port();
  }

  /** Adds a client; it negotiates with {@link #negotiate} next. */
  public Future<Void> addClient(String clientId, RoomClientListener listener) {
    return onLoop(() -> {
      if (clients.containsKey(clientId)) {
        throw new RoomException("not_allowed", "client " + clientId + " is already in the room");
      }
      IceCredentials ice = IceCredentials.generate(random);
      LocalEndpoint local = new LocalEndpoint(ice.ufrag(), ice.password(),
          certificate.fingerprint().algorithm(), certificate.fingerprint().value(),
          List.of(new HostCandidate(media.announcedAddress(), socket.port())));
      clients.put(clientId, new Client(clientId, listener, ice,
          new SessionNegotiator(local, MediaCapabilities.defaults(), "sfu-" + roomId)));
      List<TrackInfo> available = tracksExcept(clientId);
      if (!available.isEmpty()) {
        listener.onTracksAvailable(available);
      }
      return null;
    });
  }

  /** The client's offer; completes with the SFU's answer. */
  public Future<String> negotiate(String clientId, String offerSdp) {
    return onLoop(() -> {
      Client client = client(clientId);
      SessionDescription offer = parse(offerSdp);
      if (client.negotiator.hasPendingOffer()) {
        client.negotiator.rollback(); // glare: the client's offer wins (PROTOCOL.md step 6)
        client.renegotiationNeeded = true;
      }
      Answer answer;
      try {
        answer = client.negotiator.answer(offer);
      } catch (NegotiationException e) {
        throw new RoomException("bad_request", e.getMessage());
      }
      if (client.transport == null) {
        createTransport(client, answer);
      }
      for (ReceivedTrack removed : answer.removedTracks()) {
        unpublish(client, removed);
      }
      List<TrackInfo> added = new ArrayList<>();
      for (ReceivedTrack track : answer.addedTracks()) {
        String producerId = TrackInfo.producerId(clientId, track.trackId());
        client.published.put(track.trackId(), track);
        router.createProducer(MediaParameters.producer(producerId, track), client.transport);
        added.add(info(client, track));
      }
      if (!added.isEmpty()) {
        clients.values().stream().filter(c -> c != client)
            .forEach(other -> other.listener.onTracksAvailable(added));
      }
      if (client.renegotiationNeeded) {
        context.runOnContext(v -> offerIfPossible(client)); // after the answer is on its way
      }
      return answer.sdp();
    });
  }

  /** A trickled ICE candidate of the client ({@code null} or "" ends them): checked, not used. */
  public Future<Void> addIceCandidate(String clientId, String candidate) {
    return onLoop(() -> {
      client(clientId);
      if (candidate != null && !candidate.isBlank()) {
        try {
          Candidate.parse(candidate); // ICE-lite learns addresses from the checks themselves
        } catch (WireFormatException e) {
          throw new RoomException("bad_request", "invalid candidate: " + e.getMessage());
        }
      }
      return null;
    });
  }

  /** The client wants to receive these producers; the SFU offers them. */
  public Future<Void> subscribe(String clientId, List<String> producerIds) {
    return onLoop(() -> {
      Client client = client(clientId);
      for (String producerId : producerIds) {
        if (router.producer(producerId) == null) {
          throw new RoomException("not_found", "no track " + producerId);
        }
        ReceivedTrack track = publishedTrack(producerId);
        var codec = track.codecs().get(0).codec();
        if (client.transport != null && !client.negotiator.clientSupports(track.kind(), codec)) {
          // offering it anyway would reject, and so waste, one m-line of the client for good
          throw new RoomException("not_allowed",
              "client " + clientId + " cannot receive " + codec.name());
        }
      }
      for (String producerId : producerIds) {
        String key = client.keyFor(producerId);
        if (!client.receiving.containsKey(key)) {
          ReceivedTrack published = publishedTrack(producerId);
          client.receiving.put(key, MediaParameters.sendTrack(key, published, newSsrc(),
              newSsrc()));
          client.producerOfKey.put(key, producerId);
        }
      }
      offerIfPossible(client);
      return null;
    });
  }

  /** The client no longer wants these producers; the SFU offers without them. */
  public Future<Void> unsubscribe(String clientId, List<String> producerIds) {
    return onLoop(() -> {
      Client client = client(clientId);
      for (String producerId : producerIds) {
        stopReceiving(client, client.keyFor(producerId));
      }
      offerIfPossible(client);
      return null;
    });
  }

  /** The client's answer to the SFU's last offer. */
  public Future<Void> answer(String clientId, String answerSdp) {
    return onLoop(() -> {
      Client client = client(clientId);
      if (!client.negotiator.hasPendingOffer()) {
        throw new RoomException("not_allowed", "no offer of the SFU is waiting for an answer");
      }
      List<NegotiatedSendTrack> negotiated;
      try {
        negotiated = client.negotiator.applyAnswer(parse(answerSdp));
      } catch (NegotiationException e) {
        throw new RoomException("bad_request", e.getMessage());
      }
      long now = now();
      for (NegotiatedSendTrack track : negotiated) {
        SendTrack offered = client.receiving.get(track.key());
        if (offered == null || !track.accepted() || router.consumer(track.key()) != null) {
          continue;
        }
        String producerId = client.producerOfKey.get(track.key());
        var producer = router.producer(producerId);
        if (producer != null) {
          router.createConsumer(producer, MediaParameters.consumer(track.key(),
              publishedTrack(producerId), offered, track), client.transport, now);
        }
      }
      if (client.renegotiationNeeded) {
        offerIfPossible(client);
      }
      return null;
    });
  }

  /** Removes a client, its tracks from everyone who received them, and its transport. */
  public Future<Void> removeClient(String clientId) {
    return onLoop(() -> {
      Client client = client(clientId);
      new ArrayList<>(client.published.values()).forEach(track -> unpublish(client, track));
      new ArrayList<>(client.receiving.keySet()).forEach(key -> stopReceiving(client, key));
      if (client.transport != null) {
        client.transport.close();
        server.remove(client.transport);
        router.removeEndpoint(client.transport);
      }
      clients.remove(clientId);
      return null;
    });
  }

  /** The tracks published in the room. */
  public Future<List<TrackInfo>> tracks() {
    return onLoop(() -> tracksExcept(null));
  }

  /** Runs {@code task} on the room's loop: for tests that read its state. */
  public <T> Future<T> inspect(Callable<T> task) {
    return onLoop(task);
  }

  public Router router() {
    return router;
  }

  /** Test hook: every datagram about to leave the socket passes through {@code filter}. */
  public Future<Void> setSendFilter(SendFilter filter) {
    return onLoop(() -> {
      sendFilter = filter;
      return null;
    });
  }

  private void createTransport(Client client, Answer answer) {
    WebRtcTransport transport = new WebRtcTransport(client.id, client.ice,
        answer.remote().iceUfrag(), certificate,
        new DtlsFingerprint(answer.remote().fingerprintAlgorithm(),
            answer.remote().fingerprintValue()),
        owner, blocking, new WebRtcTransport.Listener() {
          @Override
          public void onTransportSend(byte[] buf, int off, int len, InetSocketAddress to) {
            if (sendFilter == null || sendFilter.send(client.id, buf, off, len)) {
              socket.send(buf, off, len, to);
            }
          }

          @Override
          public void onTransportRtp(WebRtcTransport t, byte[] buf, int off, int len, long now) {
            router.onRtp(t, buf, off, len, now);
          }

          @Override
          public void onTransportRtcp(WebRtcTransport t, byte[] buf, int off, int len, long now) {
            router.onRtcp(t, buf, off, len, now);
          }

          @Override
          public void onTransportStateChange(WebRtcTransport t, TransportState state) {
            client.listener.onConnectionStateChanged(state);
          }
        });
    client.transport = transport;
    server.add(transport);
  }

  private void offerIfPossible(Client client) {
    if (client.transport == null || client.negotiator.hasPendingOffer()) {
      client.renegotiationNeeded = true; // after its first offer, or the current exchange
      return;
    }
    client.renegotiationNeeded = false;
    Offer offer = client.negotiator.createOffer(new ArrayList<>(client.receiving.values()));
    client.listener.onOffer(offer.sdp());
  }

  private void unpublish(Client publisher, ReceivedTrack track) {
    String producerId = TrackInfo.producerId(publisher.id, track.trackId());
    TrackInfo info = info(publisher, track);
    publisher.published.remove(track.trackId());
    router.closeProducer(producerId);
    for (Client other : clients.values()) {
      if (other == publisher) {
        continue;
      }
      other.listener.onTracksRemoved(List.of(info));
      if (other.receiving.containsKey(other.keyFor(producerId))) {
        stopReceiving(other, other.keyFor(producerId));
        offerIfPossible(other);
      }
    }
  }

  private void stopReceiving(Client client, String key) {
    SendTrack track = client.receiving.remove(key);
    client.producerOfKey.remove(key);
    router.closeConsumer(key);
    if (track != null) {
      ssrcsInUse.remove(track.ssrc());
      ssrcsInUse.remove(track.rtxSsrc());
    }
  }

  private ReceivedTrack publishedTrack(String producerId) {
    int slash = producerId.indexOf('/');
    Client publisher = clients.get(producerId.substring(0, slash));
    return publisher.published.get(producerId.substring(slash + 1));
  }

  private List<TrackInfo> tracksExcept(String clientId) {
    List<TrackInfo> tracks = new ArrayList<>();
    for (Client client : clients.values()) {
      if (!client.id.equals(clientId)) {
        client.published.values().forEach(track -> tracks.add(info(client, track)));
      }
    }
    return tracks;
  }

  private static TrackInfo info(Client client, ReceivedTrack track) {
    return new TrackInfo(client.id, track.trackId(), track.streamId(), track.kind().sdpName(),
        "media");
  }

  private long newSsrc() {
    long ssrc;
    do {
      ssrc = random.nextInt() & 0xFFFFFFFFL;
    } while (ssrc == 0 || !ssrcsInUse.add(ssrc));
    return ssrc;
  }

  private void tick() {
    long now = now();
    router.tick(now);
    if (now - lastConsentCheck >= CONSENT_CHECK_MILLIS) {
      lastConsentCheck = now;
      for (Client client : clients.values()) {
        if (client.transport != null) {
          client.transport.tick(now);
        }
      }
    }
  }

  private Client client(String clientId) {
    Client client = clients.get(clientId);
    if (client == null) {
      throw new RoomException("not_found", "no client " + clientId + " in room " + roomId);
    }
    return client;
  }

  private static SessionDescription parse(String sdp) {
    try {
      return SessionDescription.parse(sdp);
    } catch (WireFormatException e) {
      throw new RoomException("bad_request", "invalid SDP: " + e.getMessage());
    }
  }

  private static long now() {
    return System.nanoTime() / 1_000_000;
  }

  private <T> Future<T> onLoop(Callable<T> task) {
    Promise<T> promise = Promise.promise();
    context.runOnContext(v -> {
      try {
        promise.complete(task.call());
      } catch (Exception e) {
        promise.fail(e);
      }
    });
    return promise.future();
  }
}
