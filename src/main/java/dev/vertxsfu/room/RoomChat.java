package dev.vertxsfu.room;

import dev.vertxsfu.bus.ErrorCode;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The room's chat rules: a message's size, a sender's rate, and the last messages to everyone,
 * which a client that joins later is given. Private messages are never kept.
 *
 * <p>Owned by the {@link Room}, on the room's loop; times are arguments.
 */
final class RoomChat {
  /** The longest text, in UTF-16 units (characters for most scripts). */
  static final int MAX_TEXT_LENGTH = 2000;
  /** How many messages a client may send in {@link #RATE_WINDOW_MILLIS}. */
  static final int MAX_MESSAGES_PER_WINDOW = 5;
  static final long RATE_WINDOW_MILLIS = 5000;
  /** How many messages to everyone a late joiner is given. */
  static final int HISTORY = 20;

  private final ArrayDeque<ChatMessage> history = new ArrayDeque<>();

  /**
   * Checks a message of {@code sender} at {@code nowMillis} and counts it against its rate.
   *
   * @throws RoomException {@code bad_request} for an empty or too long text,
   *     {@code not_allowed} when the sender is over its rate
   */
  void admit(Client sender, String text, long nowMillis) {
    if (text == null || text.isBlank()) {
      throw new RoomException(ErrorCode.BAD_REQUEST, "a room_message needs a text");
    }
    if (text.length() > MAX_TEXT_LENGTH) {
      throw new RoomException(ErrorCode.BAD_REQUEST, "a room_message text has at most "
          + MAX_TEXT_LENGTH + " characters, not " + text.length());
    }
    ArrayDeque<Long> times = sender.messageTimes;
    while (!times.isEmpty() && nowMillis - times.peekFirst() >= RATE_WINDOW_MILLIS) {
      times.pollFirst();
    }
    if (times.size() >= MAX_MESSAGES_PER_WINDOW) {
      throw new RoomException(ErrorCode.NOT_ALLOWED, "at most " + MAX_MESSAGES_PER_WINDOW
          + " room messages in " + RATE_WINDOW_MILLIS / 1000 + " s; wait a moment");
    }
    times.addLast(nowMillis);
  }

  /** A message to everyone: kept for later joiners, the oldest going first. */
  void remember(ChatMessage message) {
    if (history.size() == HISTORY) {
      history.pollFirst();
    }
    history.addLast(message);
  }

  /** What a client that joins now is given, oldest first, marked as history. */
  List<ChatMessage> history() {
    return history.stream().map(ChatMessage::asHistory).toList();
  }
}
