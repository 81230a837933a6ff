package dev.vertxsfu.app;

import java.util.logging.LogManager;

/**
 * The JDK's log manager, except that its own shutdown hook does not silence logging: that hook
 * runs beside ours ({@link Main}'s drain) and would close the handlers before the drain logs
 * what it did. {@link Main} installs it before the first logger is made and resets it when the
 * drain is over.
 */
public final class DrainLogManager extends LogManager {
  /** The JDK's hook thread that resets logging at exit. */
  private static final String CLEANER = LogManager.class.getName() + "$Cleaner";

  @Override
  public void reset() {
    if (!Thread.currentThread().getClass().getName().equals(CLEANER)) {
      super.reset();
    }
  }

  /** Closes the handlers once the drain is over (from {@link Main}'s shutdown hook). */
  static void resetAtExit() {
    if (LogManager.getLogManager() instanceof DrainLogManager manager) {
      manager.resetAfterDrain();
    }
  }

  private void resetAfterDrain() {
    super.reset();
  }
}
