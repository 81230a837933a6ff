package dev.vertxsfu.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class DtlsWarmUpTest {

  @Test
  void warmUpCompletesRealHandshakesWithTheNodeCertificate() {
    DtlsCertificate node =
        DtlsCertificate.generate(new SecureRandom(), Instant.now(), Duration.ofDays(1));
    long lastMillis = DtlsWarmUp.run(node, 3);
    assertThat(lastMillis).isNotNegative();
  }
}
