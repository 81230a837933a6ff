package dev.vertxsfu.room;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every SEVERE line any logger of the JVM writes while it is open (Vert.x reports a
 * throwing listener, "Promise already completed" and unhandled exceptions there, and
 * {@link LoopOwner} its violations), for a test to assert there were none: SEVERE lines of
 * java.util.logging, and ERROR lines that reach Logback through SLF4J (Vert.x's own, since it
 * logs through SLF4J when it is on the class path).
 */
final class SevereLog extends Handler implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
      org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final AppenderBase<ILoggingEvent> errors = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
        lines.add(event.getLoggerName() + ": " + event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? ""
                : " / " + event.getThrowableProxy().getClassName() + ": "
                    + event.getThrowableProxy().getMessage()));
      }
    }
  };

  static SevereLog open() {
    SevereLog log = new SevereLog();
    log.setLevel(java.util.logging.Level.SEVERE);
    Logger.getLogger("").addHandler(log);
    log.errors.setContext(log.root.getLoggerContext());
    log.errors.start();
    log.root.addAppender(log.errors);
    return log;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
      Throwable thrown = record.getThrown();
      lines.add(record.getLoggerName() + ": " + record.getMessage()
          + (thrown == null ? "" : " / " + thrown));
    }
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
    Logger.getLogger("").removeHandler(this);
    root.detachAppender(errors);
    errors.stop();
  }
}
