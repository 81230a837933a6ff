package dev.vertxsfu.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The value of {@code media.announced-address}: the addresses the node puts into its ICE host
 * candidates, or {@code auto} for every usable address of this machine
 * ({@link MediaAddresses#resolve}). Parsed once at start-up by {@link SfuConfig}; immutable.
 *
 * <p>An entry is an IPv4 address, an IPv6 address (no brackets, no zone) or a host name the
 * clients resolve (RFC 1123). Nothing is resolved here. The wildcard addresses are refused: a
 * client cannot send to them.
 *
 * @param auto whether the addresses are chosen from this machine's interfaces at start-up
 * @param addresses the configured addresses, in order of preference; empty when {@code auto}
 */
public record AnnouncedAddresses(boolean auto, List<String> addresses) {
  /** The default: every usable local address. */
  public static final AnnouncedAddresses AUTO = new AnnouncedAddresses(true, List.of());
  /** More candidates than this make an SDP no client needs. */
  public static final int MAX_ADDRESSES = 16;
  static final String AUTO_VALUE = "auto";

  private static final Pattern IP4 =
      Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
  private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
  private static final Pattern HOST_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

  public AnnouncedAddresses {
    addresses = List.copyOf(addresses);
    if (auto && !addresses.isEmpty()) {
      throw new IllegalArgumentException("auto announces no fixed addresses: " + addresses);
    }
    if (!auto && addresses.isEmpty()) {
      throw new IllegalArgumentException("announce at least one address, or auto");
    }
  }

  /** One fixed address or more, each checked as {@link #parse} checks it. */
  public static AnnouncedAddresses of(String... addresses) {
    return parse(String.join(",", addresses));
  }

  /**
   * Parses {@code auto}, one address, or a comma-separated list (blanks around entries
   * ignored).
   *
   * @throws IllegalArgumentException naming {@code media.announced-address} and what is wrong
   */
  public static AnnouncedAddresses parse(String value) {
    if (value == null || value.isBlank()) {
      throw invalid(value, "it is empty; give auto, an address, or a comma-separated list");
    }
    if (value.trim().toLowerCase(Locale.ROOT).equals(AUTO_VALUE)) {
      return AUTO;
    }
    List<String> addresses = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String address = part.trim();
      if (address.isEmpty()) {
        throw invalid(value, "it has an empty entry");
      }
      if (address.equalsIgnoreCase(AUTO_VALUE)) {
        throw invalid(value, "auto cannot be mixed with addresses");
      }
      String problem = problemWith(address);
      if (problem != null) {
        throw invalid(value, "'" + address + "' " + problem);
      }
      if (addresses.contains(address)) {
        throw invalid(value, "'" + address + "' is given twice");
      }
      addresses.add(address);
    }
    if (addresses.size() > MAX_ADDRESSES) {
      throw invalid(value, "more than " + MAX_ADDRESSES + " addresses");
    }
    return new AnnouncedAddresses(false, addresses);
  }

  /** What makes {@code address} unfit for a host candidate, or {@code null} when it is fit. */
  private static String problemWith(String address) {
    if (address.indexOf(':') >= 0 || address.startsWith("[")) {
      InetAddress ip6 = ip6Literal(address);
      if (ip6 == null) {
        return "is not an IPv6 address (write it without brackets or a zone)";
      }
      return ip6.isAnyLocalAddress() ? "is the wildcard address, which no client can reach" : null;
    }
    if (DIGITS_AND_DOTS.matcher(address).matches()) {
      if (!IP4.matcher(address).matches()) {
        return "is not an IPv4 address";
      }
      return address.equals("0.0.0.0")
          ? "is the wildcard address, which no client can reach" : null;
    }
    return isHostName(address) ? null : "is neither an IP address nor a host name";
  }

  /** An IPv6 literal, parsed without any name lookup (the JDK parses "[...]" as a literal). */
  private static InetAddress ip6Literal(String address) {
    if (address.startsWith("[") || address.indexOf('%') >= 0 || address.length() > 45) {
      return null;
    }
    try {
      return InetAddress.getByName("[" + address + "]");
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** RFC 1123 section 2.1 host name: dot-separated labels of letters, digits and hyphens. */
  private static boolean isHostName(String name) {
    if (name.length() > 253 || name.endsWith(".")) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!HOST_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  private static IllegalArgumentException invalid(String value, String why) {
    return new IllegalArgumentException("media.announced-address '" + value + "' is not valid: "
        + why);
  }

  /** Whether {@code host} is a wildcard address (any IPv4 or IPv6 address); no lookup. */
  static boolean isWildcard(String host) {
    if (host.equals("0.0.0.0")) {
      return true;
    }
    InetAddress ip6 = host.indexOf(':') >= 0 ? ip6Literal(host) : null;
    return ip6 != null && ip6.isAnyLocalAddress();
  }

  @Override
  public String toString() {
    return auto ? AUTO_VALUE : String.join(",", addresses);
  }
}
