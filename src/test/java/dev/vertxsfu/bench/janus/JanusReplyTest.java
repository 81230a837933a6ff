package dev.vertxsfu.bench.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Tag;

/**
 * {@link JanusReply}: frames as Janus 1.1.2 sends them (copied from its WebSocket), errors of
 * the core and of the VideoRoom as {@link JanusException}, and malformed frames as
 * {@link JanusReplyException} only.
 */
@Tag("fast")
class JanusReplyTest {

  @Test
  void anAttachSuccessGivesTheHandleId() {
    JanusReply reply = JanusReply.parse("{\"janus\":\"success\",\"session_id\":1241604047628352,"
        + "\"transaction\":\"3\",\"data\":{\"id\":5975516784752100}}");

    assertThat(reply.kind()).isEqualTo("success");
    assertThat(reply.transaction()).isEqualTo("3");
    assertThat(reply.dataId()).isEqualTo(5975516784752100L);
    assertThat(reply.error()).isNull();
  }

  @Test
  void aJoinedEventGivesTheFeedIdAndTheAnswer() {
    JanusReply reply = JanusReply.parse("{\"janus\":\"event\",\"session_id\":1,\"transaction\":"
        + "\"6\",\"sender\":5975516784752100,\"plugindata\":{\"plugin\":\"janus.plugin.videoroom\","
        + "\"data\":{\"videoroom\":\"joined\",\"room\":42,\"id\":159796378709037}},"
        + "\"jsep\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}}");

    assertThat(reply.sender()).isEqualTo(5975516784752100L);
    assertThat(reply.plugin()).isEqualTo("janus.plugin.videoroom");
    assertThat(reply.pluginNumber("id")).isEqualTo(159796378709037L);
    assertThat(reply.jsep("answer")).isEqualTo("v=0\r\n");
    assertThat(reply.error()).isNull();
  }

  @Test
  void theCoresErrorObjectBecomesAJanusExceptionWithItsCodeAndReason() {
    JanusReply reply = JanusReply.parse("{\"janus\":\"error\",\"transaction\":\"9\","
        + "\"error\":{\"code\":458,\"reason\":\"No such session 12\"}}");

    JanusException error = reply.error();
    assertThat(error.origin()).isEqualTo(JanusException.CORE);
    assertThat(error.code()).isEqualTo(458);
    assertThat(error.reason()).isEqualTo("No such session 12");
  }

  @Test
  void aPluginErrorInASuccessBecomesAJanusExceptionOfThePlugin() {
    JanusReply reply = JanusReply.parse("{\"janus\":\"success\",\"transaction\":\"5\","
        + "\"plugindata\":{\"plugin\":\"janus.plugin.videoroom\",\"data\":{\"videoroom\":"
        + "\"event\",\"error_code\":427,\"error\":\"Room 42 already exists\"}}}");

    JanusException error = reply.error();
    assertThat(error.origin()).isEqualTo("janus.plugin.videoroom");
    assertThat(error.code()).isEqualTo(427);
    assertThat(error.reason()).isEqualTo("Room 42 already exists");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "not json",
      "[1,2]",
      "{}",
      "{\"janus\":7}",
      "{\"janus\":\"event\",\"transaction\":12}",
      "{\"janus\":\"event\",\"sender\":\"5\"}",
      "{\"janus\":\"event\",\"sender\":-5}",
      "{\"janus\":\"event\",\"sender\":1.5}",
  })
  void aFrameThatIsNoJanusApiFrameIsRejected(String text) {
    assertThatThrownBy(() -> JanusReply.parse(text)).isInstanceOf(JanusReplyException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"janus\":\"error\"}",
      "{\"janus\":\"error\",\"error\":{\"reason\":\"no code\"}}",
      "{\"janus\":\"error\",\"error\":\"text\"}",
      "{\"janus\":\"success\",\"plugindata\":{\"data\":[]}}",
      "{\"janus\":\"success\",\"plugindata\":{\"data\":{\"error\":5}}}",
  })
  void anErrorThatBreaksTheShapeIsRejected(String text) {
    assertThatThrownBy(() -> JanusReply.parse(text).error())
        .isInstanceOf(JanusReplyException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"janus\":\"success\"}",
      "{\"janus\":\"success\",\"data\":{}}",
      "{\"janus\":\"success\",\"data\":{\"id\":\"12\"}}",
  })
  void aSuccessWithoutDataIdIsRejected(String text) {
    JanusReply reply = JanusReply.parse(text);
    assertThatThrownBy(reply::dataId).isInstanceOf(JanusReplyException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"janus\":\"event\"}",
      "{\"janus\":\"event\",\"jsep\":{\"type\":\"offer\",\"sdp\":\"v=0\"}}",
      "{\"janus\":\"event\",\"jsep\":{\"type\":\"answer\"}}",
      "{\"janus\":\"event\",\"jsep\":{\"type\":\"answer\",\"sdp\":5}}",
  })
  void anEventWithoutTheExpectedAnswerIsRejected(String text) {
    JanusReply reply = JanusReply.parse(text);
    assertThatThrownBy(() -> reply.jsep("answer")).isInstanceOf(JanusReplyException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"janus\":\"event\"}",
      "{\"janus\":\"event\",\"plugindata\":{\"data\":{}}}",
      "{\"janus\":\"event\",\"plugindata\":{\"data\":{\"id\":true}}}",
      "{\"janus\":\"event\",\"plugindata\":7}",
  })
  void anEventWithoutTheFeedIdIsRejected(String text) {
    JanusReply reply = JanusReply.parse(text);
    assertThatThrownBy(() -> reply.pluginNumber("id")).isInstanceOf(JanusReplyException.class);
  }

  @Test
  void randomBytesOnlyEverGiveTheTypedException() {
    Random random = new Random(6);
    String valid = "{\"janus\":\"event\",\"sender\":5,\"plugindata\":{\"plugin\":\"p\",\"data\":"
        + "{\"error_code\":1,\"error\":\"x\"}},\"jsep\":{\"type\":\"offer\",\"sdp\":\"v\"}}";
    for (int i = 0; i < 5_000; i++) {
      byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(128);
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      try {
        JanusReply reply = JanusReply.parse(text);
        reply.error();
        reply.plugin();
        reply.pluginData();
      } catch (JanusReplyException expected) {
        // The only failure allowed.
      }
    }
  }
}
