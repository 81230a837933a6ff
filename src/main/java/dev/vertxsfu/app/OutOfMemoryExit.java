package dev.vertxsfu.app;

import io.vertx.core.Vertx;

/**
 * An OutOfMemoryError anywhere ends the process (exit status 3), so that its supervisor
 * (Kubernetes, systemd) starts a fresh one: a node that ran out of heap once has lost an event
 * loop or a handler halfway and only limps on (no answers on {@code /health}, clients timing
 * out, SIGTERM unheard). The JVM flag {@code -XX:+ExitOnOutOfMemoryError} (Dockerfile,
 * scripts/run.sh, the tests' node processes) does it for errors the JVM throws itself; this
 * covers the same error when Vert.x or a thread catches it first. Installed by {@link Main}
 * before the node starts; any thread.
 */
final class OutOfMemoryExit {
  /** The status the process exits with, as {@code -XX:+ExitOnOutOfMemoryError} does. */
  static final int STATUS = 3;

  private OutOfMemoryExit() {}

  /** For threads that die of an uncaught error (all of the process's). */
  static void installDefault() {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
      haltOn(error);
      if (previous != null) {
        previous.uncaughtException(thread, error);
      } else {
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace();
      }
    });
  }

  /** For errors Vert.x catches in handlers (event loops and workers). */
  static void install(Vertx vertx) {
    vertx.exceptionHandler(OutOfMemoryExit::haltOn);
  }

  /** Halts at once, without shutdown hooks (a drain needs memory the heap does not have). */
  static void haltOn(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof OutOfMemoryError) {
        System.err.println("vertx-sfu: out of memory, exiting: " + cause);
        Runtime.getRuntime().halt(STATUS);
      }
    }
  }
}
