package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class KeyFrameRequestManagerTest {
  private final KeyFrameRequestManager requests = new KeyFrameRequestManager(1000);

  @Test
  void atMostOneRequestPerIntervalAndTheLastOneIsDeferredNotLost() {
    assertThat(requests.request(0)).isTrue();
    assertThat(requests.request(10)).isFalse();
    assertThat(requests.request(500)).isFalse();
    assertThat(requests.poll(999)).isFalse();
    assertThat(requests.poll(1000)).isTrue();
    assertThat(requests.poll(1001)).isFalse();
  }

  @Test
  void aKeyframeAnswersTheDeferredRequest() {
    requests.request(0);
    requests.request(100);
    requests.onKeyFrame();
    assertThat(requests.poll(2000)).isFalse();
  }
}
