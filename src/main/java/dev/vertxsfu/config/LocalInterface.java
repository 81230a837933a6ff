package dev.vertxsfu.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What {@link MediaAddresses} needs to know of one network interface of this machine: a plain
 * value, so that the choice of addresses is tested with made-up interfaces.
 *
 * @param name the interface's name ({@code eth0}, {@code lo}), for logs
 * @param index the system's index of the interface; lower comes first
 * @param up whether it is up
 * @param loopback whether it is the loopback interface
 * @param addresses its addresses, as the system lists them
 */
public record LocalInterface(String name, int index, boolean up, boolean loopback,
    List<InetAddress> addresses) {
  public LocalInterface {
    addresses = List.copyOf(addresses);
  }

  /**
   * This machine's interfaces, through {@link NetworkInterface} (no Vert.x). Called once, by
   * {@code SfuNode} at start-up on the caller's thread.
   *
   * @throws IllegalStateException when the system does not list them
   */
  public static List<LocalInterface> ofThisMachine() {
    List<LocalInterface> interfaces = new ArrayList<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        interfaces.add(new LocalInterface(nic.getName(), nic.getIndex(), nic.isUp(),
            nic.isLoopback(), Collections.list(nic.getInetAddresses())));
      }
    } catch (SocketException e) {
      throw new IllegalStateException("cannot list this machine's network interfaces; set "
          + "media.announced-address", e);
    }
    return interfaces;
  }
}
