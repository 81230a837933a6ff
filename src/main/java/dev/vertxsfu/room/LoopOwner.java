package dev.vertxsfu.room;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one event loop (a verticle's context) that owns some mutable state (STYLE.md, habit 5),
 * and the two tools that keep it so: {@link #check} at every mutation, and {@link #back}, which
 * brings the outcome of another owner's future (a room's, on the room's loop) back onto this
 * loop before anything here reads it.
 *
 * <p>{@link #check} costs a thread-local read. A violation is logged at SEVERE (so a soak or a
 * test that collects SEVERE lines sees it) and, with assertions enabled (tests), throws.
 * Made by the owning verticle in {@code start()}; immutable, so any thread may hold it.
 */
final class LoopOwner {
  private static final Logger LOG = Logger.getLogger(LoopOwner.class.getName());

  private final Context context;
  private final String name;

  LoopOwner(Context context, String name) {
    this.context = ((ContextInternal) context).unwrap();
    this.name = name;
  }

  /**
   * Whether the caller runs on the owner's event loop, inside the owner's context (or a
   * duplicate of it: Vert.x 5 hands bus messages to a consumer on a duplicated context).
   */
  boolean isCurrent() {
    Context current = Vertx.currentContext();
    return Context.isOnEventLoopThread() && current != null
        && ((ContextInternal) current).unwrap() == context;
  }

  /** Fails (SEVERE, and an AssertionError under {@code -ea}) unless on the owner's loop. */
  void check(String what) {
    if (!isCurrent()) {
      String message = name + ": " + what + " touched on " + Thread.currentThread().getName()
          + ", not on its owner's event loop";
      LOG.log(Level.SEVERE, message, new IllegalStateException(message)); // where from
      assert false : message;
    }
  }

  /**
   * {@code elsewhere}'s outcome, delivered on the owner's loop: listeners of the returned future
   * run there, whichever thread completed {@code elsewhere}.
   */
  <T> Future<T> back(Future<T> elsewhere) {
    Promise<T> here = Promise.promise();
    elsewhere.onComplete(outcome -> context.runOnContext(v -> here.handle(outcome)));
    return here.future();
  }
}
