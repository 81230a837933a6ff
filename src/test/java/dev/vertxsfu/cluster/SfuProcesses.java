package dev.vertxsfu.cluster;

import static org.awaitility.Awaitility.await;

import dev.vertxsfu.FreePorts;
import dev.vertxsfu.SfuNodeProcess;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * SFU nodes as separate JVM processes ({@code dev.vertxsfu.app.Main} on the test class path),
 * clustered over Hazelcast on 127.0.0.1 with a fixed member list, each with its own HTTP port
 * and any free UDP ports for media. The first node starts alone, the others join it, and
 * {@link #start} returns once every node sees all of them. Logs go to
 * {@code target/sfu-processes/}. Kill with {@link #kill} ({@code kill -9}), stop with
 * {@link #terminate} (SIGTERM: the node drains). Used from the test thread.
 */
final class SfuProcesses implements AutoCloseable {
  private static final Duration START = Duration.ofSeconds(90);
  /** The secret the test's nodes share (a real cluster's comes from its Kubernetes Secret). */
  private static final String SECRET = "SfuProcesses: the test cluster's secret";
  /** The admin token of the test's nodes, for {@code GET /cluster}. */
  static final String ADMIN_TOKEN = "SfuProcesses: the test cluster's admin token";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).build();

  /** One node: its process, ports and cluster id. */
  record Node(int index, Process process, int httpPort, int clusterPort, Path log) {}

  private final List<Node> nodes;
  private final List<String> ids = new ArrayList<>();

  private SfuProcesses(List<Node> nodes) {
    this.nodes = nodes;
  }

  /** Starts {@code count} nodes; a SIGTERM drains for at most {@code drainSeconds}. */
  static SfuProcesses start(String name, int count, int drainSeconds) throws Exception {
    List<Integer> httpPorts = FreePorts.tcp(count);
    List<Integer> clusterPorts = FreePorts.tcp(count);
    String members = clusterPorts.stream().map(p -> "127.0.0.1:" + p)
        .collect(Collectors.joining(","));
    Path logs = Path.of("target", "sfu-processes", name);
    Files.createDirectories(logs);
    List<Node> nodes = new ArrayList<>();
    SfuProcesses processes = new SfuProcesses(nodes);
    try {
      for (int i = 0; i < count; i++) {
        nodes.add(launch(i, httpPorts.get(i), clusterPorts.get(i), members, drainSeconds, logs));
        if (i == 0) {
          processes.awaitReady(0); // the others join the first one
        }
      }
      for (int i = 0; i < count; i++) {
        processes.awaitReady(i);
      }
      await().atMost(START).until(() -> processes.cluster(0).getJsonObject("nodes").size()
          == count);
      for (int i = 0; i < count; i++) {
        processes.ids.add(processes.cluster(i).getString("node"));
      }
      return processes;
    } catch (Exception | Error e) {
      processes.close();
      throw e;
    }
  }

  private static Node launch(int index, int httpPort, int clusterPort, String members,
      int drainSeconds, Path logs) throws IOException {
    Path log = logs.resolve("node-" + (index + 1) + ".log");
    Process process = SfuNodeProcess.launch(Map.of(
        "SFU_HTTP_PORT", String.valueOf(httpPort),
        "SFU_MEDIA_MIN_PORT", "0", "SFU_MEDIA_MAX_PORT", "0",
        "SFU_CLUSTER_ENABLED", "true", "SFU_CLUSTER_HOST", "127.0.0.1",
        "SFU_CLUSTER_PORT", String.valueOf(clusterPort), "SFU_CLUSTER_MEMBERS", members,
        // nodes given members need the cluster's shared secret
        "SFU_CLUSTER_SECRET", SECRET,
        "SFU_ADMIN_TOKEN", ADMIN_TOKEN,
        "SFU_ROOMS_DRAIN_SECONDS", String.valueOf(drainSeconds)),
        List.of("-Xmx256m", "-XX:+UseSerialGC"), log);
    return new Node(index, process, httpPort, clusterPort, log);
  }

  Node node(int index) {
    return nodes.get(index);
  }

  /** The cluster id of node {@code index}. */
  String id(int index) {
    return ids.get(index);
  }

  /** Placement's view from node {@code index} ({@code GET /cluster}). */
  JsonObject cluster(int index) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + nodes.get(index).httpPort() + "/cluster"))
        .header("Authorization", "Bearer " + ADMIN_TOKEN)
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body());
  }

  /** The node that runs {@code room}, as node {@code askedIndex} sees it, or null. */
  String hostOf(int askedIndex, String room) throws IOException, InterruptedException {
    return cluster(askedIndex).getJsonObject("rooms").getString(room);
  }

  /** Published connections of each node, by index, as node {@code askedIndex} sees them. */
  int connections(int askedIndex, int nodeIndex) throws IOException, InterruptedException {
    JsonObject load = cluster(askedIndex).getJsonObject("nodes").getJsonObject(id(nodeIndex));
    return load == null ? -1 : load.getInteger("connections", 0);
  }

  /** {@code kill -9}. */
  void kill(int index) {
    nodes.get(index).process().destroyForcibly();
  }

  /** SIGTERM: the node drains, then exits by itself. */
  void terminate(int index) {
    nodes.get(index).process().destroy();
  }

  private void awaitReady(int index) {
    Node node = nodes.get(index);
    SfuNodeProcess.awaitReady(node.process(), node.httpPort(), node.log(), START);
  }


  @Override
  public void close() {
    for (Node node : nodes) {
      node.process().destroyForcibly();
    }
    for (Node node : nodes) {
      try {
        node.process().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
