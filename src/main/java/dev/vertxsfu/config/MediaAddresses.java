package dev.vertxsfu.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where a node's rooms bind their UDP sockets and which addresses their ICE host candidates
 * announce, with {@code auto} and the wildcard resolved against this machine's interfaces.
 * Made once at start-up ({@code SfuNode}) from {@link SfuConfig.MediaConfig} and
 * {@link LocalInterface#ofThisMachine()}; immutable, shared by every room of the node.
 *
 * <p>{@code auto} announces, as LiveKit and mediasoup do out of the box, every address the bound
 * socket receives on: with the IPv6 wildcard {@code ::} (dual-stack) the IPv4 and IPv6
 * addresses of every interface that is up, with {@code 0.0.0.0} the IPv4 ones, with one
 * address that address. Order, which is the candidates' priority order: other interfaces'
 * IPv4, then their IPv6, by interface index; loopback last (browsers other than Chromium with
 * {@code --allow-loopback-in-peer-connection} never pair with it). Left out: interfaces that
 * are down; IPv6 link-local addresses ({@code fe80::/10}), which are only reachable with a zone
 * a remote peer does not know and which browsers do not pair; multicast addresses. At most
 * {@link AnnouncedAddresses#MAX_ADDRESSES} besides loopback. When the machine has no IPv6
 * address at all (IPv6 disabled in the kernel) {@code ::} binds {@code 0.0.0.0} instead.
 *
 * <p>A wildcard socket answers from the source address the kernel's routing picks for the
 * client. On one host, or one LAN interface per family, that is the address the client sent
 * to; on a multi-homed node whose routes differ, a pair may fail its checks while another
 * succeeds. Give {@code media.bind-host} one address (and {@code auto}) to pin it.
 *
 * @param bindHost the address the rooms' sockets bind
 * @param announced the addresses of the host candidates, in order of preference; not empty
 */
public record MediaAddresses(String bindHost, List<String> announced) {
  public MediaAddresses {
    announced = List.copyOf(announced);
    if (announced.isEmpty()) {
      throw new IllegalArgumentException("a node announces at least one media address");
    }
  }

  /** The addresses of {@code media}, with its fixed addresses as they are. */
  public static MediaAddresses resolve(SfuConfig.MediaConfig media,
      List<LocalInterface> interfaces) {
    return resolve(media.bindHost(), media.announced(), interfaces);
  }

  /**
   * Resolves {@code auto} and the dual-stack wildcard against {@code interfaces}.
   *
   * @throws IllegalStateException when {@code auto} finds no usable address
   */
  public static MediaAddresses resolve(String bindHost, AnnouncedAddresses announced,
      List<LocalInterface> interfaces) {
    String bind = bindHost;
    boolean ip6Wildcard = AnnouncedAddresses.isWildcard(bindHost) && bindHost.indexOf(':') >= 0;
    if (ip6Wildcard && interfaces.stream().flatMap(nic -> nic.addresses().stream())
        .noneMatch(address -> address instanceof Inet6Address)) {
      bind = "0.0.0.0";
      ip6Wildcard = false;
    }
    if (!announced.auto()) {
      return new MediaAddresses(bind, announced.addresses());
    }
    if (!AnnouncedAddresses.isWildcard(bind)) {
      return new MediaAddresses(bind, List.of(bind));
    }
    List<String> chosen = choose(interfaces, ip6Wildcard);
    if (chosen.isEmpty()) {
      throw new IllegalStateException("media.announced-address is auto but no interface of this "
          + "machine that is up has a usable address; set media.announced-address");
    }
    return new MediaAddresses(bind, chosen);
  }

  private static List<String> choose(List<LocalInterface> interfaces, boolean withIp6) {
    List<LocalInterface> byIndex = interfaces.stream().filter(LocalInterface::up)
        .sorted(Comparator.comparingInt(LocalInterface::index)).toList();
    List<String> others = new ArrayList<>();
    List<String> loopback = new ArrayList<>();
    for (boolean ip6 : withIp6 ? new boolean[] {false, true} : new boolean[] {false}) {
      for (LocalInterface nic : byIndex) {
        for (InetAddress address : nic.addresses()) {
          if (usable(address) && (address instanceof Inet6Address) == ip6) {
            List<String> into = nic.loopback() || address.isLoopbackAddress() ? loopback : others;
            String text = text(address);
            if (!into.contains(text)) {
              into.add(text);
            }
          }
        }
      }
    }
    List<String> chosen = new ArrayList<>(
        others.subList(0, Math.min(others.size(), AnnouncedAddresses.MAX_ADDRESSES)));
    chosen.addAll(loopback);
    return chosen;
  }

  private static boolean usable(InetAddress address) {
    return (address instanceof Inet4Address || address instanceof Inet6Address)
        && !address.isLinkLocalAddress() && !address.isMulticastAddress()
        && !address.isAnyLocalAddress();
  }

  /** The address as a candidate carries it: dotted IPv4, or RFC 5952 IPv6 without zone. */
  static String text(InetAddress address) {
    if (address instanceof Inet4Address) {
      return address.getHostAddress();
    }
    byte[] bytes = address.getAddress();
    int[] groups = new int[8];
    for (int i = 0; i < 8; i++) {
      groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
    }
    // RFC 5952 section 4.2: the longest run of two or more zero groups (the first of equals)
    // becomes "::".
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int j = i;
      while (j < 8 && groups[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j == i ? i + 1 : j;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        text.append("::");
        i += bestLength - 1;
        continue;
      }
      if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
        text.append(':');
      }
      text.append(Integer.toHexString(groups[i]));
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "media bound on " + bindHost + ", announced as " + String.join(", ", announced);
  }
}
