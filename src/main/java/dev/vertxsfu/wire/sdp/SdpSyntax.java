package dev.vertxsfu.wire.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * The character classes and small readers of the RFC 8866 grammar (section 9) that the line
 * and attribute parsers share. Every reader reports failure by its return value, never by an
 * exception, so that each parser can raise one {@link SdpFormatException} saying where.
 */
final class SdpSyntax {
  private SdpSyntax() {}

  /**
   * {@code token-char} of RFC 8866 section 9 as a bit set over 0x00-0x7F (bit c of the low word
   * for c below 64, bit c-64 of the high word above): ALPHA, DIGIT and {@code !#$%&'*+-.^_`{|}~}.
   */
  private static final long TOKEN_LOW = bits("!#$%&'*+-.0123456789", 0);
  private static final long TOKEN_HIGH =
      bits("ABCDEFGHIJKLMNOPQRSTUVWXYZ^_`abcdefghijklmnopqrstuvwxyz{|}~", 64);

  private static long bits(String chars, int base) {
    long bits = 0;
    for (int i = 0; i < chars.length(); i++) {
      bits |= 1L << (chars.charAt(i) - base);
    }
    return bits;
  }

  /** {@code token-char} of RFC 8866 section 9. */
  static boolean isTokenChar(char c) {
    return c < 64 ? (TOKEN_LOW >>> c & 1) != 0 : c < 128 && (TOKEN_HIGH >>> (c - 64) & 1) != 0;
  }

  /** {@code token}: one or more token characters. */
  static boolean isToken(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!isTokenChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@code non-ws-string}: one or more visible ASCII characters or non-ASCII ones. */
  static boolean isNonWsString(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c == 0x7F) {
        return false;
      }
    }
    return true;
  }

  /** ALPHA / DIGIT. */
  static boolean isAlphaNumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** {@code ice-char} of RFC 8839: ALPHA / DIGIT / "+" / "/". */
  static boolean isIceChars(String s, int min, int max) {
    if (s == null || s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isAlphaNumeric(c) && c != '+' && c != '/') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code c} may appear in a line at all. RFC 8866 text is any octet but NUL, CR and
   * LF; this codec also refuses the other C0 controls (but HTAB) and DEL, which no browser
   * sends and which would only end up in logs.
   */
  static boolean isLineChar(char c) {
    return (c >= 0x20 && c != 0x7F) || c == '\t';
  }

  /** A text value (RFC 8866 {@code byte-string}, possibly empty) that a line may carry. */
  static boolean isText(String s) {
    if (s == null) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isLineChar(c)) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 == s.length()
            || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }

  /**
   * The value of a decimal number of 1 to 18 digits without a leading zero (but "0" itself),
   * or -1 if {@code s} is not one: SDP numbers are written canonically, which keeps every parsed
   * description writing back byte for byte.
   */
  static long number(String s) {
    if (s == null || s.isEmpty() || s.length() > 18 || (s.length() > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    long value = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** {@link #number(String)} that is also at most {@code max}, or -1. */
  static long number(String s, long max) {
    long value = number(s);
    return value > max ? -1 : value;
  }

  /** One or more ASCII digits (any length, leading zeros allowed). */
  static boolean isDigits(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code s} split at every {@code separator}, keeping empty fields (so that a doubled or
   * trailing separator shows up as an empty field the caller refuses).
   */
  static List<String> split(String s, char separator) {
    List<String> fields = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == separator) {
        fields.add(s.substring(start, i));
        start = i + 1;
      }
    }
    fields.add(s.substring(start));
    return fields;
  }

  /** Whether any of {@code fields} is empty. */
  static boolean anyEmpty(List<String> fields) {
    for (String field : fields) {
      if (field.isEmpty()) {
        return true;
      }
    }
    return false;
  }
}
