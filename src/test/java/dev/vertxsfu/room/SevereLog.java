package dev.vertxsfu.room;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects every SEVERE line any logger of the JVM writes while it is open (Vert.x reports a
 * throwing listener, "Promise already completed" and unhandled exceptions there, and
 * {@link LoopOwner} its violations), for a test to assert there were none.
 */
final class SevereLog extends Handler implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();

  static SevereLog open() {
    SevereLog log = new SevereLog();
    log.setLevel(Level.SEVERE);
    Logger.getLogger("").addHandler(log);
    return log;
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
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
  }
}
