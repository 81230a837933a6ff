package dev.vertxsfu.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxsfu.ops.SfuMetrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code k8s/monitoring/} checked offline like {@code k8s/}: yamllint and the schemas (the
 * Prometheus Operator's for the ServiceMonitor) accept it; the ServiceMonitor selects the SFU's
 * Service, scrapes its named port at {@code /metrics} with the admin token the pods read from
 * the same Secret key; and the Grafana dashboard is valid JSON whose every {@code sfu_} series is
 * one the node exports.
 */
class MonitoringManifestTest {
  private static final Path MONITORING = Tools.K8S.resolve("monitoring");
  private static final Pattern SERIES = Pattern.compile("\\b(sfu_[a-z_]+)");
  /** Registered when the metrics are bound to a running node (they read its Vert.x). */
  private static final Set<String> BOUND_TO_A_NODE = Set.of("sfu_websocket_connections");

  @Test
  void yamllintAndTheSchemasAcceptTheMonitoringManifests() throws Exception {
    Tools.Result lint = Tools.yamllint(MONITORING);
    assertThat(lint.exit()).as(lint.toString()).isZero();
    assertThat(lint.stdout()).as(lint.toString()).isEmpty();

    Tools.Result result = Tools.node("validate.mjs", MONITORING.toString());
    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.json().getJsonObject("kinds").getMap())
        .isEqualTo(Map.of("Kustomization", 1, "ServiceMonitor", 1));
  }

  @Test
  void aServiceMonitorWithAWrongFieldTypeFailsItsSchema(@org.junit.jupiter.api.io.TempDir
      Path copy) throws Exception {
    Files.writeString(copy.resolve("servicemonitor.yaml"),
        Files.readString(MONITORING.resolve("servicemonitor.yaml"))
            .replace("  endpoints:\n", "  endpoints: 7\n  unused:\n"));
    Tools.Result result = Tools.node("validate.mjs",
        copy.resolve("servicemonitor.yaml").toString());
    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
  }

  @Test
  void theServiceMonitorScrapesTheSfuServiceWithTheAdminToken() throws Exception {
    Manifests base = Manifests.load(Tools.K8S);
    Manifests monitoring = Manifests.load(MONITORING);
    JsonObject spec = monitoring.one("ServiceMonitor").getJsonObject("spec");
    JsonObject service = base.named("Service", "vertx-sfu");
    assertThat(Manifests.selects(spec.getJsonObject("selector"),
        service.getJsonObject("metadata").getJsonObject("labels"))).isTrue();
    JsonObject endpoint = spec.getJsonArray("endpoints").getJsonObject(0);
    assertThat(service.getJsonObject("spec").getJsonArray("ports").stream()
        .map(p -> ((JsonObject) p).getString("name"))).contains(endpoint.getString("port"));
    assertThat(endpoint.getString("path")).isEqualTo("/metrics");
    JsonObject credentials = endpoint.getJsonObject("authorization").getJsonObject("credentials");
    assertThat(endpoint.getJsonObject("authorization").getString("type")).isEqualTo("Bearer");
    JsonObject fromPods = base.env("SFU_ADMIN_TOKEN").getJsonObject("valueFrom")
        .getJsonObject("secretKeyRef");
    assertThat(credentials.getString("name")).isEqualTo(fromPods.getString("name"));
    assertThat(credentials.getString("key")).isEqualTo(fromPods.getString("key"));
    // committed empty, as every secret of the repository: the operator sets it
    assertThat(base.named("Secret", credentials.getString("name")).getJsonObject("stringData")
        .getString(credentials.getString("key"))).isEmpty();
  }

  @Test
  void theDashboardIsJsonAndEverySfuSeriesItQueriesIsExported() throws Exception {
    Path file = MONITORING.resolve("grafana-dashboard.json");
    JsonObject dashboard = new JsonObject(Files.readString(file));
    assertThat(dashboard.getString("uid")).isEqualTo("vertx-sfu");
    JsonArray panels = dashboard.getJsonArray("panels");
    assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
    Set<String> queried = new TreeSet<>();
    Set<Integer> ids = new TreeSet<>();
    for (Object p : panels) {
      JsonObject panel = (JsonObject) p;
      ids.add(panel.getInteger("id"));
      assertThat(panel.getJsonArray("targets")).as(panel.getString("title")).isNotEmpty();
      for (Object t : panel.getJsonArray("targets")) {
        Matcher series = SERIES.matcher(((JsonObject) t).getString("expr"));
        while (series.find()) {
          queried.add(series.group(1));
        }
      }
    }
    assertThat(ids).hasSize(panels.size());
    String exported = new SfuMetrics().registry().scrape();
    List<String> missing = queried.stream()
        .filter(name -> !BOUND_TO_A_NODE.contains(name))
        .filter(name -> !Pattern.compile("(?m)^" + name + "[{ ]").matcher(exported).find())
        .toList();
    assertThat(missing).as("queried but not exported").isEmpty();
    assertThat(queried).contains("sfu_rooms", "sfu_nacks_received_total",
        "sfu_dtls_failures_total", "sfu_dtls_handshake_seconds_bucket",
        "sfu_subscriber_estimate_bps_sum");
    // the kustomization turns the file into the ConfigMap Grafana's sidecar reads
    assertThat(Files.readString(MONITORING.resolve("kustomization.yaml")))
        .contains("=grafana-dashboard.json", "grafana_dashboard: \"1\"");
  }
}
