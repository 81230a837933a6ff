package dev.vertxsfu.room;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * The lines one Logback logger writes while it is open, caught by Logback's own
 * {@link ListAppender}, for a test to read from any thread.
 */
final class LogLines implements AutoCloseable {
  /** One caught line: its level, its formatted message and its key-value pairs. */
  record Line(String level, String message, Map<String, String> keyValues) {}

  private final Logger logger;
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogLines(String loggerName) {
    logger = (Logger) LoggerFactory.getLogger(loggerName);
    appender.setContext(logger.getLoggerContext());
    appender.start();
    logger.addAppender(appender);
  }

  static LogLines of(String loggerName) {
    return new LogLines(loggerName);
  }

  List<Line> lines() {
    List<ILoggingEvent> events;
    synchronized (appender) { // AppenderBase appends while holding it
      events = List.copyOf(appender.list);
    }
    return events.stream().map(event -> new Line(event.getLevel().toString(),
        event.getFormattedMessage(), event.getKeyValuePairs() == null ? Map.of()
            : event.getKeyValuePairs().stream().collect(Collectors.toMap(
                (KeyValuePair pair) -> pair.key, pair -> String.valueOf(pair.value),
                (a, b) -> b)))).toList();
  }

  /** The lines about {@code clientId} of {@code roomId}. */
  List<Line> about(String roomId, String clientId) {
    return lines().stream().filter(line -> roomId.equals(line.keyValues().get("room"))
        && clientId.equals(line.keyValues().get("client"))).toList();
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
