package dev.vertxsfu.wire.sdp;

/**
 * How the lines of a description end. RFC 8866 section 5 says CRLF and asks parsers to accept a
 * lone LF as well; a parsed description records which one it had so it writes back byte for
 * byte. Descriptions built in code use CRLF.
 */
public enum LineEnding {
  CRLF("\r\n"),
  LF("\n");

  private final String text;

  LineEnding(String text) {
    this.text = text;
  }

  /** The characters that end a line. */
  public String text() {
    return text;
  }
}
