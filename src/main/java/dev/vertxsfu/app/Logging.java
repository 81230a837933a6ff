package dev.vertxsfu.app;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes every logging API the node's libraries use to SLF4J, whose backend is Logback
 * ({@code logback.xml}). Vert.x and Netty pick SLF4J by themselves when it is on the class path;
 * Hazelcast is told so by the {@code hazelcast.logging.type} property (set here for the lines it
 * writes before its configuration is read, and in {@code Clustering}); the node's own
 * java.util.logging loggers are bridged here. Called once by {@link Main} before anything logs,
 * on the main thread; tests that capture lines call it too. Idempotent.
 *
 * <p>{@link DrainLogManager} stays the JDK's log manager, so the bridge is still in place while
 * the drain logs on SIGTERM: Logback itself registers no shutdown hook and its console appender
 * writes to the end.
 */
public final class Logging {
  private Logging() {}

  /** Installs the java.util.logging bridge unless it is there already. */
  public static synchronized void install() {
    System.setProperty("hazelcast.logging.type", "slf4j");
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger(); // no second copy of each line on stderr
      SLF4JBridgeHandler.install();
    }
  }
}
