package dev.vertxsfu.media.ice;

import dev.vertxsfu.wire.stun.ErrorCode;
import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunClass;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ICE-lite agent of one WebRTC transport (RFC 8445 §2.5, §7.3; mediasoup's
 * {@code IceServer}): it never sends checks, it answers the controlling peer's Binding
 * requests, and it decides which remote addresses may carry DTLS and media.
 *
 * <p>A request counts only if its FINGERPRINT is right, its USERNAME is
 * {@code localUfrag:remoteUfrag} and its MESSAGE-INTEGRITY verifies with the local password.
 * Each address that sent such a request becomes a tuple; USE-CANDIDATE selects it as the one
 * media is sent to. Consent freshness (RFC 7675): a tuple whose last valid check is more than
 * {@link #CONSENT_TIMEOUT_MILLIS} old is dropped, and the transport fails when none is left.
 *
 * <p>ICE restart (RFC 8445 §9, RFC 8839 §4.4.1.1.1): {@link #restart} installs new
 * credentials. Until the first check that authenticates with them, the previous generation
 * lives on: its credentials still verify (the client checks with them until it has applied the
 * SFU's answer) and its tuples still carry media, with their consent timers started afresh.
 * That first new check forgets the previous credentials and every tuple of the previous
 * generation, and its address becomes the selected one.
 *
 * <p>Threads: one owner, the room's event loop, calls every method; the time is passed in,
 * so tests drive it with a fake clock. Owns one {@link StunMessageBuilder} and a
 * {@link MessageIntegrity} per live generation (two at most, during a restart); responses are written into the builder's
 * array and handed to the listener, which must send them before returning.
 */
public final class IceServer {
  /** RFC 7675 §5.1: consent expires 30 s after the last authenticated check. */
  public static final long CONSENT_TIMEOUT_MILLIS = 30_000;
  /** Three of Chromium's 2.5 s consent checks missed. */
  public static final long DISCONNECTED_AFTER_MILLIS = 7_500;
  /** A bound on what an authenticated but hostile peer can make us remember. */
  static final int MAX_TUPLES = 8;

  /** What the agent tells its transport, on the owner's loop. */
  public interface Listener {
    /** A STUN response to send to {@code to}; the bytes are valid only during the call. */
    void onIceServerSendStunPacket(byte[] buf, int off, int len, InetSocketAddress to);

    /** An address passed its first authenticated check: it may now carry DTLS and media. */
    void onIceServerTupleAdded(InetSocketAddress tuple);

    /** An address lost consent, or made room for a newer one. */
    void onIceServerTupleRemoved(InetSocketAddress tuple);

    /** The address media should go to changed (a nomination, or the first valid check). */
    void onIceServerSelectedTuple(InetSocketAddress tuple);

    void onIceServerStateChange(IceState state);

    /**
     * Checks with these local credentials are no longer accepted: a restart completed (a
     * check authenticated with the newer ones), or a second restart came before it did.
     */
    default void onIceServerCredentialsRetired(IceCredentials retired) {}
  }

  /** @param previous whether the tuple passed its checks before the last, unfinished restart */
  private record Tuple(InetSocketAddress address, long lastCheckMillis, boolean previous) {}

  /** One set of credentials: ours and the peer's ufrag, and what checks are verified with. */
  private record Generation(IceCredentials local, String remoteUfrag, byte[] expectedUsername,
      MessageIntegrity integrity) {
    static Generation of(IceCredentials local, String remoteUfrag) {
      return new Generation(local, remoteUfrag,
          (local.ufrag() + ":" + remoteUfrag).getBytes(StandardCharsets.UTF_8),
          MessageIntegrity.shortTerm(local.password()));
    }
  }

  private final Listener listener;
  private final StunMessageBuilder response = new StunMessageBuilder();
  private final List<Tuple> tuples = new ArrayList<>(2);
  private Generation current;
  /** The generation before an unfinished restart, or null. */
  private Generation previous;
  private InetSocketAddress selected;
  private boolean nominated;
  private IceState state = IceState.NEW;
  private int restarts;

  public IceServer(IceCredentials local, String remoteUfrag, Listener listener) {
    this.current = Generation.of(local, remoteUfrag);
    this.listener = listener;
  }

  /** The credentials of the current generation (the last restart's, or the first). */
  public IceCredentials localCredentials() {
    return current.local();
  }

  public String remoteUfrag() {
    return current.remoteUfrag();
  }

  /** How many times {@link #restart} changed the credentials. */
  public int restarts() {
    return restarts;
  }

  /** Whether a restart waits for its first check with the new credentials. */
  public boolean isRestarting() {
    return previous != null;
  }

  /**
   * An ICE restart (RFC 8445 §9): from now on checks authenticate with {@code local} and
   * {@code remoteUfrag}; the current generation becomes the previous one and stays valid
   * until the first such check (a generation older than that is forgotten at once). Consent
   * starts afresh for every tuple kept, and nomination must be made again. A failed agent
   * stays failed: its DTLS association is gone, and no restart brings that back.
   *
   * @return false if nothing changed (the same credentials) or the agent has failed
   */
  public boolean restart(IceCredentials local, String remoteUfrag, long nowMillis) {
    if (state == IceState.FAILED
        || (local.equals(current.local()) && remoteUfrag.equals(current.remoteUfrag()))) {
      return false;
    }
    Generation retired = previous;
    previous = current;
    current = Generation.of(local, remoteUfrag);
    restarts++;
    if (retired != null) {
      listener.onIceServerCredentialsRetired(retired.local()); // never completed, now skipped
    }
    for (int i = 0; i < tuples.size(); i++) {
      tuples.set(i, new Tuple(tuples.get(i).address(), nowMillis, true));
    }
    nominated = false;
    return true;
  }

  public IceState state() {
    return state;
  }

  /** The address media goes to, or null before any authenticated check. */
  public InetSocketAddress selectedTuple() {
    return selected;
  }

  /** Whether {@code address} passed an authenticated check and keeps consent. */
  public boolean isValidTuple(InetSocketAddress address) {
    return indexOf(address) >= 0;
  }

  /**
   * A STUN message that arrived from {@code from} (already parsed by the caller). Answers a
   * Binding request (success, or 400/401/487), and ignores everything else, as a lite agent
   * that sends no requests of its own.
   */
  public void processStunPacket(StunMessage message, InetSocketAddress from, long nowMillis) {
    if (state == IceState.FAILED || message.messageType() != StunMessageType.BINDING_REQUEST) {
      return; // indications are keep-alives; responses answer nothing we sent
    }
    if (!message.hasFingerprint() || !message.fingerprintMatches()) {
      return; // RFC 8445 §7.3: not a valid ICE check; silently discarded
    }
    if (!message.hasUsername() || !message.hasMessageIntegrity() || !message.hasPriority()) {
      respondError(message, from, ErrorCode.BAD_REQUEST, "Bad Request");
      return;
    }
    Generation generation = authenticate(message);
    if (generation == null) {
      respondError(message, from, ErrorCode.UNAUTHORIZED, "Unauthorized");
      return;
    }
    if (message.hasIceControlled()) {
      // We are lite and so always controlled; the full peer must take the controlling role.
      respondError(message, from, ErrorCode.ROLE_CONFLICT, "Role Conflict");
      return;
    }
    response.start(StunMessageType.of(StunMessageType.BINDING, StunClass.SUCCESS_RESPONSE),
            message)
        .xorMappedAddress(from)
        .messageIntegrity(generation.integrity())
        .fingerprint();
    listener.onIceServerSendStunPacket(response.array(), 0, response.length(), from);
    if (generation == current && previous != null) {
      completeRestart();
    }
    validCheck(from, message.hasUseCandidate(), generation == previous, nowMillis);
  }

  /** The generation whose username and key the check carries, or null. */
  private Generation authenticate(StunMessage message) {
    if (message.usernameEquals(current.expectedUsername()) && current.integrity().verify(message)) {
      return current;
    }
    if (previous != null && message.usernameEquals(previous.expectedUsername())
        && previous.integrity().verify(message)) {
      return previous;
    }
    return null;
  }

  /** The first check of the new generation: the previous one and its tuples are forgotten. */
  private void completeRestart() {
    Generation retired = previous;
    previous = null;
    for (int i = tuples.size() - 1; i >= 0; i--) {
      if (tuples.get(i).previous()) {
        listener.onIceServerTupleRemoved(tuples.remove(i).address());
      }
    }
    selected = null; // the new check's address is selected next
    listener.onIceServerCredentialsRetired(retired.local());
  }

  /**
   * Owner's timer, about once a second: drops tuples whose consent expired and moves the
   * state to disconnected or failed when checks stopped coming.
   */
  public void checkConsent(long nowMillis) {
    if (state == IceState.NEW || state == IceState.FAILED) {
      return;
    }
    for (int i = tuples.size() - 1; i >= 0; i--) {
      if (nowMillis - tuples.get(i).lastCheckMillis() > CONSENT_TIMEOUT_MILLIS) {
        listener.onIceServerTupleRemoved(tuples.remove(i).address());
      }
    }
    if (tuples.isEmpty()) {
      selected = null;
      setState(IceState.FAILED);
      return;
    }
    if (indexOf(selected) < 0) {
      selected = tuples.get(tuples.size() - 1).address();
      nominated = false;
      listener.onIceServerSelectedTuple(selected);
    }
    long freshest = tuples.stream().mapToLong(Tuple::lastCheckMillis).max().orElseThrow();
    if (nowMillis - freshest > DISCONNECTED_AFTER_MILLIS) {
      setState(IceState.DISCONNECTED);
    } else if (state != IceState.DISCONNECTED) {
      setState(nominated ? IceState.COMPLETED : IceState.CONNECTED); // after a fallback
    }
  }

  private void validCheck(InetSocketAddress from, boolean useCandidate, boolean previousGeneration,
      long nowMillis) {
    int index = indexOf(from);
    if (index >= 0) {
      tuples.set(index, new Tuple(from, nowMillis, previousGeneration));
    } else {
      if (tuples.size() == MAX_TUPLES) {
        listener.onIceServerTupleRemoved(tuples.remove(oldestUnselected()).address());
      }
      tuples.add(new Tuple(from, nowMillis, previousGeneration));
      listener.onIceServerTupleAdded(from);
    }
    if (selected == null || (useCandidate && !from.equals(selected))) {
      selected = from;
      listener.onIceServerSelectedTuple(from);
    }
    nominated |= useCandidate && from.equals(selected);
    setState(nominated ? IceState.COMPLETED : IceState.CONNECTED);
  }

  private int oldestUnselected() {
    int oldest = -1;
    for (int i = 0; i < tuples.size(); i++) {
      Tuple tuple = tuples.get(i);
      if (!tuple.address().equals(selected)
          && (oldest < 0 || tuple.lastCheckMillis() < tuples.get(oldest).lastCheckMillis())) {
        oldest = i;
      }
    }
    return oldest;
  }

  private void respondError(StunMessage message, InetSocketAddress to, int code, String reason) {
    response.start(StunMessageType.of(StunMessageType.BINDING, StunClass.ERROR_RESPONSE), message)
        .errorCode(code, reason)
        .fingerprint();
    listener.onIceServerSendStunPacket(response.array(), 0, response.length(), to);
  }

  private int indexOf(InetSocketAddress address) {
    for (int i = 0; i < tuples.size(); i++) {
      if (tuples.get(i).address().equals(address)) {
        return i;
      }
    }
    return -1;
  }

  private void setState(IceState next) {
    if (state != next) {
      state = next;
      listener.onIceServerStateChange(next);
    }
  }
}
