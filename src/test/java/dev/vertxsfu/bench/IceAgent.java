package dev.vertxsfu.bench;

import dev.vertxsfu.media.ice.IceCredentials;
import dev.vertxsfu.wire.stun.ErrorCode;
import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import dev.vertxsfu.wire.stun.StunMessageType;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The full ICE agent of one synthetic peer, reduced to the one candidate pair the load
 * generator ever has (its host candidate on 127.0.0.1 and the remote's loopback candidate,
 * RFC 8445): it answers the remote's Binding requests, and it sends its own checks every
 * {@link #CHECK_INTERVAL_NANOS} until one succeeds, then one every
 * {@link #CONSENT_INTERVAL_NANOS} as consent freshness (RFC 7675).
 *
 * <p>Roles (RFC 8445 §6.1.1): controlling, with USE-CANDIDATE on every check (aggressive
 * nomination), when the remote is ice-lite (our SFU) or when we made the offer; controlled
 * otherwise (Janus's subscriber offers). A 487 Role Conflict, or a request that claims our
 * role with a larger tie-breaker, switches our role (§7.3.1.1).
 *
 * <p>Threads: the owning {@link PeerLoop} only; the time is passed in.
 */
final class IceAgent {
  static final long CHECK_INTERVAL_NANOS = 50_000_000L;
  static final long CONSENT_INTERVAL_NANOS = 2_000_000_000L;
  /** RFC 8445 §5.1.2.1 priority of a host candidate: type preference 126, component 1. */
  static final long HOST_PRIORITY = (126L << 24) | (65535L << 8) | 255;
  private static final int REMEMBERED_TRANSACTIONS = 8;

  /** Where STUN goes; the bytes are valid only during the call. */
  interface Sender {
    void sendStun(byte[] buf, int off, int len);
  }

  private final IceCredentials local;
  private final Sender sender;
  private final Random random;
  private final long tieBreaker;
  private final StunMessageBuilder builder = new StunMessageBuilder();
  private final byte[][] transactions = new byte[REMEMBERED_TRANSACTIONS][12];
  private final MessageIntegrity localIntegrity;
  private byte[] expectedUsername;
  private byte[] checkUsername;
  private MessageIntegrity remoteIntegrity;
  private InetSocketAddress remote;
  private boolean controlling;
  private int nextTransaction;
  private long nextCheckNanos;
  private long lastSuccessNanos;
  private boolean connected;
  private Runnable onConnected = () -> { };

  IceAgent(IceCredentials local, Random random, Sender sender) {
    this.local = local;
    this.sender = sender;
    this.random = random;
    this.tieBreaker = random.nextLong();
    this.localIntegrity = MessageIntegrity.shortTerm(local.password());
  }

  IceCredentials localCredentials() {
    return local;
  }

  /** The remote's credentials, candidate and our role; checks start at the next tick. */
  void setRemote(String remoteUfrag, String remotePassword, InetSocketAddress candidate,
      boolean controlling) {
    this.remote = candidate;
    this.controlling = controlling;
    this.expectedUsername = (local.ufrag() + ":" + remoteUfrag).getBytes(StandardCharsets.UTF_8);
    this.checkUsername = (remoteUfrag + ":" + local.ufrag()).getBytes(StandardCharsets.UTF_8);
    this.remoteIntegrity = MessageIntegrity.shortTerm(remotePassword);
  }

  void onConnected(Runnable action) {
    this.onConnected = action;
  }

  boolean connected() {
    return connected;
  }

  boolean controlling() {
    return controlling;
  }

  /** A STUN message from the remote. */
  void receive(StunMessage message, long nowNanos) {
    if (remote == null || !message.hasFingerprint() || !message.fingerprintMatches()) {
      return;
    }
    switch (message.messageType()) {
      case StunMessageType.BINDING_REQUEST -> answer(message);
      case StunMessageType.BINDING_SUCCESS_RESPONSE -> {
        if (isOurs(message) && remoteIntegrity.verify(message)) {
          lastSuccessNanos = nowNanos;
          if (!connected) {
            connected = true;
            nextCheckNanos = nowNanos + CONSENT_INTERVAL_NANOS;
            onConnected.run();
          }
        }
      }
      case StunMessageType.BINDING_ERROR_RESPONSE -> {
        if (isOurs(message) && message.hasErrorCode()
            && message.errorCode() == ErrorCode.ROLE_CONFLICT) {
          controlling = !controlling;
          nextCheckNanos = nowNanos; // retry at once in the other role
        }
      }
      default -> { } // indications: keep-alives
    }
  }

  /** The owner's timer, every few tens of milliseconds: sends a check when one is due. */
  void tick(long nowNanos) {
    if (remote == null || nowNanos < nextCheckNanos) {
      return;
    }
    nextCheckNanos = nowNanos + (connected ? CONSENT_INTERVAL_NANOS : CHECK_INTERVAL_NANOS);
    byte[] transaction = transactions[nextTransaction++ % REMEMBERED_TRANSACTIONS];
    random.nextBytes(transaction);
    builder.start(StunMessageType.BINDING_REQUEST, transaction, 0)
        .username(checkUsername, 0, checkUsername.length)
        .priority(HOST_PRIORITY);
    if (controlling) {
      builder.iceControlling(tieBreaker).useCandidate();
    } else {
      builder.iceControlled(tieBreaker);
    }
    builder.messageIntegrity(remoteIntegrity).fingerprint();
    sender.sendStun(builder.array(), 0, builder.length());
  }

  private void answer(StunMessage request) {
    if (!request.hasUsername() || !request.usernameEquals(expectedUsername)
        || !request.hasMessageIntegrity() || !localIntegrity.verify(request)) {
      builder.start(StunMessageType.BINDING_ERROR_RESPONSE, request)
          .errorCode(ErrorCode.UNAUTHORIZED, "Unauthorized").fingerprint();
      sender.sendStun(builder.array(), 0, builder.length());
      return;
    }
    if (controlling && request.hasIceControlling()) {
      if (Long.compareUnsigned(tieBreaker, request.iceControlling()) >= 0) {
        builder.start(StunMessageType.BINDING_ERROR_RESPONSE, request)
            .errorCode(ErrorCode.ROLE_CONFLICT, "Role Conflict")
            .messageIntegrity(localIntegrity).fingerprint();
        sender.sendStun(builder.array(), 0, builder.length());
        return;
      }
      controlling = false;
    } else if (!controlling && request.hasIceControlled()) {
      if (Long.compareUnsigned(tieBreaker, request.iceControlled()) < 0) {
        builder.start(StunMessageType.BINDING_ERROR_RESPONSE, request)
            .errorCode(ErrorCode.ROLE_CONFLICT, "Role Conflict")
            .messageIntegrity(localIntegrity).fingerprint();
        sender.sendStun(builder.array(), 0, builder.length());
        return;
      }
      controlling = true;
    }
    builder.start(StunMessageType.BINDING_SUCCESS_RESPONSE, request)
        .xorMappedAddress(remote)
        .messageIntegrity(localIntegrity)
        .fingerprint();
    sender.sendStun(builder.array(), 0, builder.length());
  }

  private boolean isOurs(StunMessage response) {
    for (byte[] transaction : transactions) {
      if (response.transactionIdEquals(transaction, 0)) {
        return true;
      }
    }
    return false;
  }
}
