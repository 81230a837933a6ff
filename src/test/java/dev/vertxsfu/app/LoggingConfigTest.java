package dev.vertxsfu.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

/**
 * The node's {@code logback.xml}, loaded into a LoggerContext of its own: plain lines by default,
 * one JSON object per line with {@code SFU_LOG_FORMAT=json} (a system property stands in for the
 * environment variable: Logback reads both), Hazelcast quieted to warnings.
 */
@Tag("fast")
class LoggingConfigTest {
  @AfterEach
  void clearProperties() {
    System.clearProperty("SFU_LOG_FORMAT");
    System.clearProperty("SFU_LOG_LEVEL");
  }

  @Test
  void byDefaultLinesArePlainTextWithTheIdsAsKeyValues() throws Exception {
    LoggerContext context = load();
    Encoder<ILoggingEvent> encoder = rootEncoder(context);
    assertThat(encoder).isInstanceOf(LayoutWrappingEncoder.class);
    String line = new String(encoder.encode(event(context)), StandardCharsets.UTF_8);
    assertThat(line).contains("INFO", "dev.vertxsfu.room.Room",
        "room=r1 client=alice client joined (1 in the room)");
    assertThat(context.getLogger("com.hazelcast").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("dev.vertxsfu").getEffectiveLevel()).isEqualTo(Level.INFO);
  }

  @Test
  void withSfuLogFormatJsonEachLineIsAJsonObjectWithTheIdsAsFields() throws Exception {
    System.setProperty("SFU_LOG_FORMAT", "json");
    System.setProperty("SFU_LOG_LEVEL", "DEBUG");
    LoggerContext context = load();
    Encoder<ILoggingEvent> encoder = rootEncoder(context);
    assertThat(encoder).isInstanceOf(JsonEncoder.class);
    String line = new String(encoder.encode(event(context)), StandardCharsets.UTF_8);
    assertThat(line.trim()).doesNotContain("\n");
    JsonObject json = new JsonObject(line);
    assertThat(json.getString("level")).isEqualTo("INFO");
    assertThat(json.getString("loggerName")).isEqualTo("dev.vertxsfu.room.Room");
    assertThat(json.getString("formattedMessage")).isEqualTo("client joined (1 in the room)");
    JsonArray pairs = json.getJsonArray("kvpList");
    assertThat(pairs.stream().map(JsonObject.class::cast).toList())
        .contains(new JsonObject().put("room", "r1"), new JsonObject().put("client", "alice"));
    assertThat(context.getLogger("dev.vertxsfu").getEffectiveLevel()).isEqualTo(Level.DEBUG);
  }

  private static LoggerContext load() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LoggingConfigTest.class.getResource("/logback.xml"));
    assertThat(context.getStatusManager().getCopyOfStatusList())
        .noneMatch(status -> status.getLevel() >= ch.qos.logback.core.status.Status.WARN);
    return context;
  }

  @SuppressWarnings("unchecked")
  private static Encoder<ILoggingEvent> rootEncoder(LoggerContext context) {
    List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
    Iterator<Appender<ILoggingEvent>> it =
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
    it.forEachRemaining(appenders::add);
    assertThat(appenders).hasSize(1);
    return ((ConsoleAppender<ILoggingEvent>) appenders.get(0)).getEncoder();
  }

  private static LoggingEvent event(LoggerContext context) {
    LoggingEvent event = new LoggingEvent("x", context.getLogger("dev.vertxsfu.room.Room"),
        Level.INFO, "client joined ({} in the room)", null, new Object[] {1});
    event.addKeyValuePair(new KeyValuePair("room", "r1"));
    event.addKeyValuePair(new KeyValuePair("client", "alice"));
    return event;
  }
}
