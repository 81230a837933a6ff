package dev.vertxsfu.room;

import java.util.List;

/**
 * One chat message of a room ({@code room_message}), as its recipients get it.
 *
 * @param from the sender's client id
 * @param name the sender's name, as it joined
 * @param text what it wrote
 * @param timestamp when the room took it, in milliseconds since the epoch (the room's node's
 *     clock)
 * @param to the recipients it named; empty for a message to everyone
 * @param history whether this is a message from before the recipient joined, replayed
 */
public record ChatMessage(String from, String name, String text, long timestamp,
    List<String> to, boolean history) {

  /** The same message, replayed to a client that joined after it. */
  ChatMessage asHistory() {
    return new ChatMessage(from, name, text, timestamp, to, true);
  }
}
