package dev.vertxsfu.wire.sdp;

import dev.vertxsfu.wire.WireFormatException;

/**
 * The one error of {@code wire.sdp}: a session description, or one of its attribute values,
 * that does not follow RFC 8866 or the RFC of that attribute.
 *
 * <p>Raised by {@link SessionDescription#parse(String)} for the line structure (a missing
 * {@code v=0}, an unknown line type, a bad {@code m=} or {@code o=} line, a control character,
 * too much input), and by the typed accessors of {@link Attributes} (and the {@code parse}
 * methods of {@link RtpMap}, {@link Candidate} and the others) for a malformed value: the generic
 * parse keeps every attribute as it came, the typed reading validates.
 *
 * <p>It says where: {@link #lineNumber()} (1-based; 0 when the text did not come from a parsed
 * description, such as a trickled candidate or an attribute built in code) and {@link #line()},
 * the offending line. The message repeats both, with control and non-ASCII characters escaped
 * so that it is safe to log.
 */
public final class SdpFormatException extends WireFormatException {
  private static final long serialVersionUID = 1L;
  /** How much of an offending line is kept and shown; SDP lines are short, hostile ones not. */
  private static final int MAX_SHOWN = 200;

  private final int lineNumber;
  private final String line;

  SdpFormatException(String what, int lineNumber, String line) {
    super(describe(what, lineNumber, line));
    this.lineNumber = lineNumber;
    this.line = line == null || line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN);
  }

  /** For a malformed attribute value found by a typed accessor. */
  static SdpFormatException attribute(String name, String value, int lineNumber, String what) {
    return new SdpFormatException("malformed a=" + name + ": " + what, lineNumber,
        "a=" + name + ":" + value);
  }

  /** The 1-based line number of the offending line, or 0 when there is none. */
  public int lineNumber() {
    return lineNumber;
  }

  /**
   * The offending line without its line end (at most 200 characters of it), or {@code null}
   * when the error is about the whole input (empty, too long).
   */
  public String line() {
    return line;
  }

  private static String describe(String what, int lineNumber, String line) {
    StringBuilder message = new StringBuilder(what);
    if (lineNumber > 0) {
      message.append(" (line ").append(lineNumber).append(')');
    }
    if (line != null) {
      message.append(": \"");
      int shown = Math.min(line.length(), MAX_SHOWN);
      for (int i = 0; i < shown; i++) {
        char c = line.charAt(i);
        if (c < 0x20 || c >= 0x7F) {
          message.append(String.format("\\u%04x", (int) c));
        } else {
          message.append(c);
        }
      }
      message.append(shown < line.length() ? "...\"" : "\"");
    }
    return message.toString();
  }
}
