package dev.vertxsfu.room;

import io.vertx.core.Future;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Waiting on a room's Java API from a test thread, events included. */
final class RoomCalls {
  private final RoomVerticle room;

  RoomCalls(RoomVerticle room) {
    this.room = room;
  }

  /**
   * Waits for a call, then for the events it caused: they are delivered on the room's loop
   * right after the call completes, so one more task on that loop runs after them.
   */
  <T> T await(Future<T> future) throws Exception {
    T result = future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    room.inspect(() -> null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return result;
  }

  /** The code of the {@link RoomException} the call fails with; fails if it succeeds. */
  String errorCode(Future<?> future) throws Exception {
    try {
      await(future);
    } catch (ExecutionException | CompletionException e) {
      return ((RoomException) e.getCause()).code();
    }
    throw new AssertionError("the call succeeded");
  }
}
