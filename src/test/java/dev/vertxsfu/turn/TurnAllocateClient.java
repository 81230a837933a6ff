package dev.vertxsfu.turn;

import dev.vertxsfu.wire.stun.MessageIntegrity;
import dev.vertxsfu.wire.stun.StunAttributeType;
import dev.vertxsfu.wire.stun.StunAttributes;
import dev.vertxsfu.wire.stun.StunMessage;
import dev.vertxsfu.wire.stun.StunMessageBuilder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The smallest TURN client (RFC 8656 §7.1-7.3): one Allocate request for a UDP relay with
 * long-term credentials, the way a browser opens one. The first, unauthenticated request draws
 * the server's 401 with its REALM and NONCE; the second carries USERNAME, REALM, NONCE and
 * MESSAGE-INTEGRITY keyed with MD5(username:realm:password). What a test needs to see whether
 * coturn accepts a credential. Blocking; on the JUnit thread.
 */
final class TurnAllocateClient {
  /** RFC 8656 §17: the Allocate method's request, success and error types. */
  static final int ALLOCATE_REQUEST = 0x0003;
  static final int ALLOCATE_SUCCESS_RESPONSE = 0x0103;
  static final int ALLOCATE_ERROR_RESPONSE = 0x0113;
  /** RFC 8656 §18: REQUESTED-TRANSPORT and XOR-RELAYED-ADDRESS. */
  static final int REQUESTED_TRANSPORT = 0x0019;
  static final int XOR_RELAYED_ADDRESS = 0x0016;
  private static final byte[] UDP = {17, 0, 0, 0};
  private static final int TIMEOUT_MILLIS = 3000;

  private final SecureRandom random = new SecureRandom();

  /** What the server answered the authenticated Allocate. */
  record Answer(int messageType, int errorCode, boolean relayed) {
    boolean allocated() {
      return messageType == ALLOCATE_SUCCESS_RESPONSE && relayed;
    }
  }

  /** Asks {@code server} for an allocation with {@code username} and {@code password}. */
  Answer allocate(InetSocketAddress server, String username, String password)
      throws IOException {
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      socket.setSoTimeout(TIMEOUT_MILLIS);
      StunMessage challenge = exchange(socket, server, new StunMessageBuilder()
          .start(ALLOCATE_REQUEST, transactionId(), 0)
          .attribute(REQUESTED_TRANSPORT, UDP, 0, UDP.length)
          .fingerprint());
      if (challenge.messageType() != ALLOCATE_ERROR_RESPONSE || challenge.errorCode() != 401) {
        throw new IOException("expected a 401 challenge, got " + challenge);
      }
      byte[] realm = value(challenge, StunAttributeType.REALM);
      byte[] nonce = value(challenge, StunAttributeType.NONCE);
      StunMessage answer = exchange(socket, server, new StunMessageBuilder()
          .start(ALLOCATE_REQUEST, transactionId(), 0)
          .attribute(REQUESTED_TRANSPORT, UDP, 0, UDP.length)
          .username(username)
          .attribute(StunAttributeType.REALM, realm, 0, realm.length)
          .attribute(StunAttributeType.NONCE, nonce, 0, nonce.length)
          .messageIntegrity(MessageIntegrity.longTerm(username,
              new String(realm, StandardCharsets.UTF_8), password))
          .fingerprint());
      return new Answer(answer.messageType(), answer.hasErrorCode() ? answer.errorCode() : 0,
          answer.attributes().indexOf(XOR_RELAYED_ADDRESS) >= 0);
    }
  }

  private byte[] transactionId() {
    byte[] id = new byte[StunMessage.TRANSACTION_ID_LENGTH];
    random.nextBytes(id);
    return id;
  }

  private static StunMessage exchange(DatagramSocket socket, InetSocketAddress server,
      StunMessageBuilder request) throws IOException {
    byte[] sent = request.toByteArray();
    socket.send(new DatagramPacket(sent, sent.length, server));
    byte[] buf = new byte[1500];
    DatagramPacket packet = new DatagramPacket(buf, buf.length);
    socket.receive(packet);
    StunMessage response = new StunMessage().wrap(buf, 0, packet.getLength());
    if (!response.transactionIdEquals(sent, StunMessage.TRANSACTION_ID_OFFSET)) {
      throw new IOException("a response to another transaction: " + response);
    }
    return response;
  }

  private static byte[] value(StunMessage message, int type) throws IOException {
    StunAttributes attributes = message.attributes();
    int index = attributes.indexOf(type);
    if (index < 0) {
      throw new IOException("no " + StunAttributeType.name(type) + " in " + message);
    }
    return attributes.value(index);
  }
}
