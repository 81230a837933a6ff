package dev.vertxsfu.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.media.rtp.KeyFrameRequestManager.Request;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

@Tag("fast")
class KeyFrameRequestManagerTest {
  private final KeyFrameRequestManager requests = new KeyFrameRequestManager(1000, false);
  private final KeyFrameRequestManager withFir = new KeyFrameRequestManager(1000, true);

  @Test
  void atMostOneRequestPerIntervalAndTheLastOneIsDeferredNotLost() {
    assertThat(requests.request(0)).isEqualTo(Request.PLI);
    assertThat(requests.request(10)).isEqualTo(Request.NONE);
    assertThat(requests.request(500)).isEqualTo(Request.NONE);
    assertThat(requests.poll(999)).isEqualTo(Request.NONE);
    assertThat(requests.poll(1000)).isEqualTo(Request.PLI);
    assertThat(requests.poll(1001)).isEqualTo(Request.NONE);
  }

  @Test
  void aKeyframeAnswersTheDeferredRequest() {
    requests.request(0);
    requests.request(100);
    requests.onKeyFrame();
    assertThat(requests.poll(2000)).isEqualTo(Request.NONE);
  }

  @Test
  void anUnansweredPliIsFollowedByFirWhenNegotiatedAndByPliAgainOnceAnswered() {
    assertThat(withFir.request(0)).isEqualTo(Request.PLI);
    assertThat(withFir.request(1000)).isEqualTo(Request.FIR);
    assertThat(withFir.request(2000)).isEqualTo(Request.FIR);
    withFir.onKeyFrame();
    assertThat(withFir.request(3000)).isEqualTo(Request.PLI);
  }

  @Test
  void withoutFirNegotiatedAnUnansweredPliIsRepeatedAsPli() {
    assertThat(requests.request(0)).isEqualTo(Request.PLI);
    assertThat(requests.request(1000)).isEqualTo(Request.PLI);
  }

  @Test
  void aDeferredRequestGoesOutAtTheNextPollUnlessAKeyframeAnsweredIt() {
    requests.defer();
    assertThat(requests.pending()).isTrue();
    assertThat(requests.poll(0)).isEqualTo(Request.PLI);

    withFir.request(0);
    withFir.onKeyFrame();
    withFir.defer();
    withFir.onKeyFrame();
    assertThat(withFir.poll(5000)).isEqualTo(Request.NONE);
  }
}
