package dev.vertxsfu.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class OriginPolicyTest {

  @Test
  void anEmptyListAllowsEveryOrigin() {
    OriginPolicy any = new OriginPolicy(List.of());
    assertThat(any.allows("https://anywhere.example")).isTrue();
    assertThat(any.allows("null")).isTrue();
    assertThat(any.allows(null)).isTrue();
  }

  @Test
  void aListAllowsOnlyItsOrigins() {
    OriginPolicy policy = new OriginPolicy(List.of("https://app.example", "http://localhost:8080/"));
    assertThat(policy.allows("https://app.example")).isTrue();
    assertThat(policy.allows("HTTPS://APP.EXAMPLE")).isTrue();
    assertThat(policy.allows("http://localhost:8080")).isTrue();
    assertThat(policy.allows("http://app.example")).isFalse();
    assertThat(policy.allows("https://app.example:8443")).isFalse();
    assertThat(policy.allows("https://app.example.evil.example")).isFalse();
    assertThat(policy.allows("null")).isFalse();
    assertThat(policy.allows("")).isFalse();
  }

  @Test
  void aClientWithoutOriginIsNotABrowserAndPasses() {
    assertThat(new OriginPolicy(List.of("https://app.example")).allows(null)).isTrue();
  }
}
