package dev.vertxsfu.wire.sdp;

import java.util.List;

/**
 * Text forms of the addresses that ICE candidates carry (RFC 8839 {@code connection-address},
 * narrowed to what a WebRTC peer can reach): an IPv4 address in dotted decimal, an IPv6 address
 * in RFC 4291 section 2.2 text form, or a host name (RFC 1123 letters, digits, hyphens and dots),
 * which covers the mDNS {@code <uuid>.local} names browsers use to hide host addresses
 * (draft-ietf-mmusic-mdns-ice-candidates).
 *
 * <p>Pure text checks: nothing is resolved (no I/O in {@code wire}).
 */
final class Addresses {
  private Addresses() {}

  /** Whether {@code s} is an IPv4 address, an IPv6 address or a host name. */
  static boolean isConnectionAddress(String s) {
    return isIp4(s) || isIp6(s) || isHostName(s);
  }

  /** {@code IP4-address}: four decimal-uchar (0 to 255, no leading zero) separated by dots. */
  static boolean isIp4(String s) {
    if (s == null || s.isEmpty() || s.length() > 15) {
      return false;
    }
    List<String> parts = SdpSyntax.split(s, '.');
    if (parts.size() != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.length() > 3 || SdpSyntax.number(part, 255) < 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code IP6-address} of RFC 8866 (as RFC 3986): 8 groups, "::" once, an IPv4 tail. */
  static boolean isIp6(String s) {
    if (s == null || s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
      return false;
    }
    int doubleColon = s.indexOf("::");
    if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    if (doubleColon < 0) {
      int groups = groups(s, true);
      return groups == 8;
    }
    String head = s.substring(0, doubleColon);
    String tail = s.substring(doubleColon + 2);
    int headGroups = head.isEmpty() ? 0 : groups(head, false);
    int tailGroups = tail.isEmpty() ? 0 : groups(tail, true);
    return headGroups >= 0 && tailGroups >= 0 && headGroups + tailGroups <= 7;
  }

  /**
   * The number of 16-bit groups in a colon-separated run of h16 (an IPv4 tail counting two, if
   * allowed), or -1 when it is not one.
   */
  private static int groups(String run, boolean ip4TailAllowed) {
    List<String> parts = SdpSyntax.split(run, ':');
    int groups = 0;
    for (int i = 0; i < parts.size(); i++) {
      String part = parts.get(i);
      if (ip4TailAllowed && i == parts.size() - 1 && part.indexOf('.') >= 0) {
        if (!isIp4(part)) {
          return -1;
        }
        groups += 2;
      } else if (isH16(part)) {
        groups++;
      } else {
        return -1;
      }
    }
    return groups;
  }

  private static boolean isH16(String part) {
    if (part.isEmpty() || part.length() > 4) {
      return false;
    }
    for (int i = 0; i < part.length(); i++) {
      if (Character.digit(part.charAt(i), 16) < 0 || part.charAt(i) > 'f') {
        return false;
      }
    }
    return true;
  }

  /**
   * A host name: labels of letters, digits and hyphens (1 to 63, not starting or ending with a
   * hyphen) separated by single dots, at most 253 characters, and not all digits and dots (that
   * would be a bad IPv4 address rather than a name).
   */
  static boolean isHostName(String s) {
    if (s == null || s.isEmpty() || s.length() > 253) {
      return false;
    }
    boolean letter = false;
    for (String label : SdpSyntax.split(s, '.')) {
      if (label.isEmpty() || label.length() > 63 || label.charAt(0) == '-'
          || label.charAt(label.length() - 1) == '-') {
        return false;
      }
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!SdpSyntax.isAlphaNumeric(c) && c != '-') {
          return false;
        }
        letter |= c < '0' || c > '9';
      }
    }
    return letter;
  }
}
