package dev.vertxsfu.shaped;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The shaped-link namespace: made as described, shaped, re-shaped, and removed entirely. */
@Tag("shaped")
class NetworkNamespaceTest {

  private static boolean namespaceExists(String name) throws IOException {
    return List.of(NetworkNamespace.run("ip", "netns", "list").split("\n")).stream()
        .anyMatch(line -> line.trim().split("\\s+")[0].equals(name));
  }

  private static boolean deviceExists(String device) {
    try {
      NetworkNamespace.run("ip", "link", "show", device);
      return true;
    } catch (IOException absent) {
      return false;
    }
  }

  @Test
  void aProcessInsideReachesTheRootSideThroughTheShapedVethAndCloseRemovesIt() throws Exception {
    NetworkNamespace namespace = NetworkNamespace.create(201, 600_000);
    try (namespace;
        DatagramSocket root = new DatagramSocket(
            new InetSocketAddress(InetAddress.getByName(namespace.rootAddress()), 0))) {
      assertThat(namespaceExists(namespace.name())).isTrue();
      assertThat(namespace.qdiscStatistics()).contains("tbf").contains("rate 600Kbit");

      root.setSoTimeout(10_000);
      String send = "echo shaped > /dev/udp/" + namespace.rootAddress() + "/" + root.getLocalPort();
      NetworkNamespace.run(namespace.command(List.of("bash", "-c", send)).toArray(String[]::new));
      DatagramPacket packet = new DatagramPacket(new byte[64], 64);
      root.receive(packet);
      assertThat(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8))
          .isEqualTo("shaped\n");
      assertThat(packet.getAddress().getHostAddress()).isEqualTo(namespace.namespaceAddress());

      namespace.changeRate(2_000_000);
      assertThat(namespace.qdiscStatistics()).contains("rate 2Mbit");
      assertThat(namespace.rateBps()).isEqualTo(2_000_000);
    }
    assertThat(namespaceExists(namespace.name())).isFalse();
    assertThat(deviceExists(namespace.rootDevice())).isFalse();
  }

  @Test
  void aFailedCreationRemovesWhatItMadeAndLeavesANamesakeAlone() throws Exception {
    assertThatThrownBy(() -> NetworkNamespace.create(202, 0)).isInstanceOf(IOException.class);
    assertThat(namespaceExists(NetworkNamespace.PREFIX + 202)).isFalse();
    assertThat(deviceExists(NetworkNamespace.PREFIX + "202r")).isFalse();

    try (NetworkNamespace first = NetworkNamespace.create(203, 1_000_000)) {
      assertThatThrownBy(() -> NetworkNamespace.create(203, 1_000_000))
          .isInstanceOf(IOException.class);
      assertThat(namespaceExists(first.name())).isTrue();
      assertThat(deviceExists(first.rootDevice())).isTrue();
    }
  }
}
