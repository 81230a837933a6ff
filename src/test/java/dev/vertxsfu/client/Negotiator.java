package dev.vertxsfu.client;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The client's half of perfect negotiation, as docs/protocol.md lays it out: the first offer goes
 * straight after {@code joined} (step 2), unless the SFU offered first; later ones only after {@code is_allow_renegotiation}
 * says yes, or, when it says no, after {@code allow_renegotiation} and a second question
 * (step 5); SFU offers are answered (step 4).
 *
 * <p>Glare: the SFU never has two offers out, and rolls its own back when a client offer
 * crosses it (step 6), then offers again. So an SFU offer that arrives while this client's
 * offer is unanswered is dropped: the client keeps its offer, applies the SFU's answer, and
 * answers the SFU's next offer. Local changes made while an offer or a question is out are
 * gathered into one more offer once it settles.
 *
 * <p>Threads: every method runs on the signaling executor; replies hop back onto it.
 */
final class Negotiator {
  private final ClientPeerConnection peer;
  private final SignalingChannel channel;
  private final Executor signaling;
  private final ClientEvents events;
  private final Consumer<String> onRemoteDescription;

  /** What the client's offers go through before they are sent (a test's codec edits). */
  private java.util.function.UnaryOperator<String> offerRewriter = sdp -> sdp;
  /** What the SFU's offers and answers go through before they are applied (a test's relay). */
  private java.util.function.UnaryOperator<String> remoteRewriter = sdp -> sdp;
  /** What the client's offers go through before they are set locally (SSRC simulcast). */
  private java.util.function.UnaryOperator<String> localOfferMunge = sdp -> sdp;
  private boolean joined;
  private boolean negotiatedOnce;
  private boolean offerOut;
  private boolean asking;
  private boolean refused;
  /** The next offer restarts ICE. */
  private boolean iceRestartWanted;
  /** Futures of local changes no offer carries yet; non-empty means an offer is wanted. */
  private List<CompletableFuture<Void>> wanted = new ArrayList<>();
  private List<CompletableFuture<Void>> inOffer = new ArrayList<>();

  Negotiator(ClientPeerConnection peer, SignalingChannel channel, Executor signaling,
      ClientEvents events, Consumer<String> onRemoteDescription) {
    this.peer = peer;
    this.channel = channel;
    this.signaling = signaling;
    this.events = events;
    this.onRemoteDescription = onRemoteDescription;
  }

  /**
   * A local change needs an offer. Completes when the SFU's answer to an offer that carries
   * it is applied; fails if the SFU refuses that offer with an {@code error}.
   */
  CompletableFuture<Void> negotiate() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    wanted.add(done);
    next();
    return done;
  }

  /**
   * An ICE restart (docs/protocol.md section 18): the next offer, made as any other (after
   * {@code is_allow_renegotiation}), has new ICE credentials. Completes when its answer is
   * applied.
   */
  CompletableFuture<Void> restartIce() {
    iceRestartWanted = true;
    return negotiate();
  }

  /**
   * Makes every offer go through {@code rewriter} before it is sent (the local description
   * stays libwebrtc's): a test plays a client with other codecs ({@code OfferCodecs}).
   */
  void rewriteOffers(java.util.function.UnaryOperator<String> rewriter) {
    this.offerRewriter = rewriter;
  }

  /**
   * Makes every SFU description go through {@code rewriter} before libwebrtc applies it: a
   * test puts a relay of its own between this client and the SFU by naming the relay's
   * address as the SFU's candidate.
   */
  void rewriteRemoteDescriptions(java.util.function.UnaryOperator<String> rewriter) {
    this.remoteRewriter = rewriter;
  }

  /** Makes every offer go through {@code munge} before it is set locally and sent. */
  void mungeLocalOffers(java.util.function.UnaryOperator<String> munge) {
    this.localOfferMunge = munge;
  }

  /** {@code joined} arrived: from now on offers may go out. */
  void onJoined() {
    joined = true;
    next();
  }

  /** The SFU's {@code allow_renegotiation}: ask again if it had said no. */
  void onAllowRenegotiation() {
    if (refused) {
      refused = false;
      next();
    }
  }

  /** The SFU's {@code offer}: answer it, unless it crossed an offer of ours (see above). */
  void onServerOffer(String sdp) {
    if (offerOut) {
      events.crossedOfferDropped();
      return;
    }
    try {
      String answer = peer.answer(remoteRewriter.apply(sdp));
      onRemoteDescription.accept(sdp);
      channel.send("answer", new JsonObject().put("sdp", answer));
      negotiatedOnce = true;
      events.negotiated();
    } catch (Exception e) {
      // Not the SFU's error frame, but kept with them: the test sees the offer was bad.
      events.error(new SfuErrorException("bad_request",
          "the SFU's offer could not be applied: " + e.getMessage(), "offer"));
      rollBackQuietly();
    }
  }

  private void next() {
    if (wanted.isEmpty() || !joined || offerOut || asking || refused) {
      return;
    }
    if (!negotiatedOnce) {
      sendOffer();
      return;
    }
    asking = true;
    channel.request("is_allow_renegotiation", new JsonObject())
        .whenComplete(this::onAllowed); // on the signaling thread, before later frames
  }

  private void onAllowed(JsonObject reply, Throwable error) {
    asking = false;
    if (error != null) {
      fail(takeWanted(), error);
    } else if (reply.getBoolean("allowed", false)) {
      sendOffer();
    } else {
      refused = true;
      events.refused();
    }
  }

  private void sendOffer() {
    inOffer = takeWanted();
    boolean iceRestart = iceRestartWanted;
    iceRestartWanted = false;
    String offer;
    try {
      offer = peer.createOffer(iceRestart, localOfferMunge);
    } catch (Exception e) {
      fail(inOffer, e);
      return;
    }
    offerOut = true;
    negotiatedOnce = true;
    channel.request("offer", new JsonObject().put("sdp", offerRewriter.apply(offer)))
        .whenComplete(this::onAnswer); // on the signaling thread, before later frames
  }

  private void onAnswer(JsonObject reply, Throwable error) {
    offerOut = false;
    List<CompletableFuture<Void>> carried = inOffer;
    inOffer = new ArrayList<>();
    try {
      if (error != null) {
        peer.rollback();
        fail(carried, error);
      } else {
        String sdp = reply.getString("sdp");
        peer.applyAnswer(remoteRewriter.apply(sdp));
        onRemoteDescription.accept(sdp);
        events.negotiated();
        carried.forEach(done -> done.complete(null));
      }
    } catch (Exception e) {
      fail(carried, e);
    }
    next();
  }

  /** Back to stable after a failed answer; nothing to undo if the offer was never applied. */
  private void rollBackQuietly() {
    try {
      peer.rollback();
    } catch (Exception ignored) {
      // libwebrtc refuses a rollback in stable: the offer had not been applied
    }
  }

  private List<CompletableFuture<Void>> takeWanted() {
    List<CompletableFuture<Void>> taken = wanted;
    wanted = new ArrayList<>();
    return taken;
  }

  private static void fail(List<CompletableFuture<Void>> futures, Throwable error) {
    Throwable cause = error instanceof java.util.concurrent.CompletionException
        && error.getCause() != null ? error.getCause() : error;
    futures.forEach(done -> done.completeExceptionally(cause));
  }
}
