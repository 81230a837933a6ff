package dev.vertxsfu.wire.stun;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the ICE-lite server pays per Binding request: parse a Chromium-shaped request
 * (USERNAME, GOOG-NETWORK-INFO, ICE-CONTROLLING, USE-CANDIDATE, PRIORITY, MESSAGE-INTEGRITY,
 * FINGERPRINT), verify it, and write the success response.
 *
 * <p>Run: {@code mvn -o -B -q -Pjmh test-compile exec:exec -Djmh.args=StunBench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StunBench {
  private static final byte[] TRANSACTION_ID = {
      0x4a, 0x6f, 0x4b, 0x2b, 0x7a, 0x3d, 0x5a, 0x3f, 0x21, (byte) 0xc1, (byte) 0xe0,
      (byte) 0xaa};
  private static final byte[] SENDER = {(byte) 192, (byte) 168, 1, 23};

  private final StunMessage message = new StunMessage();
  private final StunMessageBuilder builder = new StunMessageBuilder();
  private MessageIntegrity localPassword;
  private byte[] request;

  @Setup
  public void setUp() {
    localPassword = MessageIntegrity.shortTerm("hnDSOzPYi8Ylmy8cx2Q4A3Fd");
    request = new StunMessageBuilder()
        .start(StunMessageType.BINDING_REQUEST, TRANSACTION_ID, 0)
        .username("sfu1:Xy9z")
        .attribute(0xC057, new byte[] {0, 1, 3, (byte) 0xe7}, 0, 4)
        .iceControlling(0x1234_5678_9abc_def0L)
        .useCandidate()
        .priority(1_853_693_695L)
        .messageIntegrity(localPassword)
        .fingerprint()
        .toByteArray();
  }

  /** Header, attribute walk and index only. */
  @Benchmark
  public long parse() {
    message.wrap(request, 0, request.length);
    return message.priority() + (message.hasUseCandidate() ? 1 : 0);
  }

  /** Parse, FINGERPRINT (CRC-32) and MESSAGE-INTEGRITY (HMAC-SHA1) in place. */
  @Benchmark
  public boolean parseAndVerify() {
    message.wrap(request, 0, request.length);
    return message.fingerprintMatches() && localPassword.verify(message);
  }

  /** The whole exchange: parse, verify, and write the signed success response. */
  @Benchmark
  public int parseVerifyAndRespond() {
    message.wrap(request, 0, request.length);
    if (!message.fingerprintMatches() || !localPassword.verify(message)) {
      return -1;
    }
    builder.start(StunMessageType.BINDING_SUCCESS_RESPONSE, message)
        .xorMappedAddress(SENDER, 50_000)
        .messageIntegrity(localPassword)
        .fingerprint();
    return builder.length();
  }
}
