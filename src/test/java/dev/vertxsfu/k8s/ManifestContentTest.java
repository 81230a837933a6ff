package dev.vertxsfu.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the manifests of {@code k8s/} must do for a horizontally scaled SFU, read from the
 * objects as the validator parsed them: host networking with the node's address announced,
 * one pod per node, Hazelcast discovery through a headless Service, the WebSocket Ingress with
 * long timeouts, probes on {@code /health} and {@code /ready}, a drain that fits in the grace period, a disruption
 * budget, settings from a ConfigMap and a Secret, and the cluster's ports (Hazelcast and the
 * event bus, fixed) open only to SFU pods. References between objects (selectors,
 * named ports, ConfigMap and Secret keys) are resolved, as Kubernetes would.
 */
class ManifestContentTest {
  private static Manifests k8s;

  @BeforeAll
  static void load() throws Exception {
    k8s = Manifests.load(Tools.K8S);
  }

  @Test
  void threeReplicasWithTheResourcesOfAMediaServer() {
    JsonObject spec = k8s.deployment().getJsonObject("spec");
    assertThat(spec.getInteger("replicas")).isEqualTo(3);
    assertThat(Manifests.selects(spec.getJsonObject("selector"), k8s.podLabels())).isTrue();

    JsonObject resources = k8s.container().getJsonObject("resources");
    for (String bound : List.of("requests", "limits")) {
      assertThat(resources.getJsonObject(bound).fieldNames()).as(bound)
          .contains("cpu", "memory");
    }
    // Guaranteed QoS: requests equal limits.
    assertThat(resources.getJsonObject("requests")).isEqualTo(resources.getJsonObject("limits"));
  }

  @Test
  void podsUseTheHostNetworkOnePerNode() {
    JsonObject pod = k8s.podSpec();
    assertThat(pod.getBoolean("hostNetwork")).isTrue();
    assertThat(pod.getString("dnsPolicy")).isEqualTo("ClusterFirstWithHostNet");

    JsonArray required = pod.getJsonObject("affinity").getJsonObject("podAntiAffinity")
        .getJsonArray("requiredDuringSchedulingIgnoredDuringExecution");
    assertThat(required).hasSize(1);
    JsonObject term = required.getJsonObject(0);
    assertThat(term.getString("topologyKey")).isEqualTo("kubernetes.io/hostname");
    assertThat(Manifests.selects(term.getJsonObject("labelSelector"), k8s.podLabels())).isTrue();

    // Replacing in place: a surge pod would find no free node's ports.
    JsonObject rolling = k8s.deployment().getJsonObject("spec").getJsonObject("strategy")
        .getJsonObject("rollingUpdate");
    assertThat(rolling.getInteger("maxSurge")).isZero();
    assertThat(rolling.getInteger("maxUnavailable")).isEqualTo(1);
  }

  @Test
  void mediaIsAnnouncedAtTheNodeAddressOnAPortRange() {
    assertThat(k8s.envFieldPath("SFU_MEDIA_ANNOUNCED_ADDRESS")).isEqualTo("status.hostIP");
    assertThat(k8s.envValue("SFU_MEDIA_BIND_HOST")).isEqualTo("0.0.0.0");

    int min = Integer.parseInt(k8s.envValue("SFU_MEDIA_MIN_PORT"));
    int max = Integer.parseInt(k8s.envValue("SFU_MEDIA_MAX_PORT"));
    assertThat(min).isGreaterThan(1024).isLessThanOrEqualTo(max);
    assertThat(max).isLessThanOrEqualTo(65535);
  }

  @Test
  void hazelcastFindsTheOtherNodesThroughAHeadlessService() {
    JsonObject service = k8s.named("Service", "vertx-sfu-hazelcast");
    JsonObject spec = service.getJsonObject("spec");
    assertThat(spec.getString("clusterIP")).isEqualTo("None");
    assertThat(spec.getBoolean("publishNotReadyAddresses")).isTrue();
    assertThat(Manifests.selects(spec.getJsonObject("selector"), k8s.podLabels())).isTrue();
    JsonObject port = spec.getJsonArray("ports").getJsonObject(0);
    assertThat(port.getInteger("port")).isEqualTo(5701);
    assertThat(k8s.containerPort(port.getValue("targetPort"))).isEqualTo(5701);

    assertThat(k8s.envValue("SFU_CLUSTER_ENABLED")).isEqualTo("true");
    assertThat(k8s.envValue("SFU_CLUSTER_PORT")).isEqualTo("5701");
    assertThat(k8s.envFieldPath("SFU_CLUSTER_HOST")).isEqualTo("status.podIP");
    assertThat(k8s.envValue("SFU_CLUSTER_DNS"))
        .isEqualTo("vertx-sfu-hazelcast.$(POD_NAMESPACE).svc.cluster.local");
    // $(POD_NAMESPACE) is expanded only from a variable defined earlier in the list.
    List<String> names = k8s.env().stream().map(e -> e.getString("name")).toList();
    assertThat(names.indexOf("POD_NAMESPACE")).isNotNegative()
        .isLessThan(names.indexOf("SFU_CLUSTER_DNS"));
    assertThat(k8s.envFieldPath("POD_NAMESPACE")).isEqualTo("metadata.namespace");
  }

  @Test
  void httpListensOnEveryInterfaceOnPort8080BehindAService() {
    assertThat(k8s.envValue("SFU_HTTP_HOST")).isEqualTo("0.0.0.0");
    assertThat(k8s.envValue("SFU_HTTP_PORT")).isEqualTo("8080");
    assertThat(k8s.containerPort("http")).isEqualTo(8080);

    JsonObject spec = k8s.named("Service", "vertx-sfu").getJsonObject("spec");
    assertThat(spec.getString("clusterIP")).isNull();
    assertThat(Manifests.selects(spec.getJsonObject("selector"), k8s.podLabels())).isTrue();
    JsonObject port = spec.getJsonArray("ports").getJsonObject(0);
    assertThat(k8s.containerPort(port.getValue("targetPort"))).isEqualTo(8080);
  }

  @Test
  void probesAskHealthAndReadinessOnTheHttpPort() {
    java.util.Map<String, String> paths = java.util.Map.of("startupProbe", "/health",
        "livenessProbe", "/health", "readinessProbe", "/ready");
    for (String probe : paths.keySet()) {
      JsonObject get = k8s.container().getJsonObject(probe).getJsonObject("httpGet");
      assertThat(get).as(probe).isNotNull();
      assertThat(get.getString("path")).as(probe).isEqualTo(paths.get(probe));
      assertThat(k8s.containerPort(get.getValue("port"))).as(probe).isEqualTo(8080);
    }
  }

  @Test
  void theDrainFitsInTheGracePeriod() {
    JsonArray preStop = k8s.container().getJsonObject("lifecycle").getJsonObject("preStop")
        .getJsonObject("exec").getJsonArray("command");
    assertThat(preStop.getString(0)).isEqualTo("sleep");
    int preStopSeconds = Integer.parseInt(preStop.getString(1));
    int drainSeconds = Integer.parseInt(k8s.envValue("SFU_ROOMS_DRAIN_SECONDS"));
    int grace = k8s.podSpec().getInteger("terminationGracePeriodSeconds");

    assertThat(drainSeconds).isPositive();
    // The grace period runs from the deletion: preStop first, then SIGTERM and the drain.
    assertThat(grace).isGreaterThan(preStopSeconds + drainSeconds);
  }

  @Test
  void theIngressKeepsWebSocketsOpenAnHour() {
    JsonObject ingress = k8s.one("Ingress");
    JsonObject annotations = ingress.getJsonObject("metadata").getJsonObject("annotations");
    assertThat(annotations.getString("nginx.ingress.kubernetes.io/proxy-read-timeout"))
        .isEqualTo("3600");
    assertThat(annotations.getString("nginx.ingress.kubernetes.io/proxy-send-timeout"))
        .isEqualTo("3600");
    assertThat(annotations.getString("nginx.ingress.kubernetes.io/proxy-http-version"))
        .isEqualTo("1.1");

    JsonObject rule = ingress.getJsonObject("spec").getJsonArray("rules").getJsonObject(0);
    JsonObject path = rule.getJsonObject("http").getJsonArray("paths").getJsonObject(0);
    // "/" as a prefix carries /ws, the demo page and /health.
    assertThat(path.getString("path")).isEqualTo("/");
    assertThat(path.getString("pathType")).isEqualTo("Prefix");
    JsonObject backend = path.getJsonObject("backend").getJsonObject("service");
    JsonObject service = k8s.named("Service", backend.getString("name"));
    assertThat(service.getJsonObject("spec").getJsonArray("ports").stream()
        .map(p -> ((JsonObject) p).getString("name")))
        .contains(backend.getJsonObject("port").getString("name"));

    // Browsers open the WebSocket from the page the Ingress serves: its origin is allowed.
    String host = rule.getString("host");
    assertThat(ingress.getJsonObject("spec").getJsonArray("tls").getJsonObject(0)
        .getJsonArray("hosts").getList()).contains(host);
    assertThat(k8s.envValue("SFU_SIGNALING_ALLOWED_ORIGINS").split(","))
        .contains("https://" + host);
  }

  @Test
  void aDisruptionBudgetTakesOneNodeAtATime() {
    JsonObject spec = k8s.one("PodDisruptionBudget").getJsonObject("spec");
    assertThat(spec.getInteger("maxUnavailable")).isEqualTo(1);
    assertThat(Manifests.selects(spec.getJsonObject("selector"), k8s.podLabels())).isTrue();
  }

  @Test
  void settingsComeFromTheConfigMapAndTheJwtSecretFromTheSecret() {
    assertThat(k8s.env("SFU_SIGNALING_ALLOWED_ORIGINS").getJsonObject("valueFrom")
        .getJsonObject("configMapKeyRef")).isNotNull();
    assertThat(k8s.env("SFU_SIGNALING_JWT_SECRET").getJsonObject("valueFrom")
        .getJsonObject("secretKeyRef")).isNotNull();

    // Every reference names an object of the manifests and a key it has (a missing one would
    // keep the pod from starting).
    for (JsonObject entry : k8s.env()) {
      JsonObject from = entry.getJsonObject("valueFrom");
      if (from == null || from.containsKey("fieldRef")) {
        continue;
      }
      String kind = from.containsKey("configMapKeyRef") ? "ConfigMap" : "Secret";
      JsonObject ref = from.getJsonObject(kind.equals("ConfigMap") ? "configMapKeyRef"
          : "secretKeyRef");
      JsonObject object = k8s.named(kind, ref.getString("name"));
      JsonObject data = object.getJsonObject(kind.equals("ConfigMap") ? "data" : "stringData");
      assertThat(data.fieldNames()).as(entry.getString("name")).contains(ref.getString("key"));
    }
  }

  @Test
  void theClusterSecretComesFromTheSecretAndNoneIsCommitted() {
    JsonObject ref = k8s.env("SFU_CLUSTER_SECRET").getJsonObject("valueFrom")
        .getJsonObject("secretKeyRef");
    assertThat(ref).isNotNull();
    JsonObject secret = k8s.named("Secret", ref.getString("name"));
    // a real secret in the repository would be everyone's: the committed one is empty, which
    // keeps the pods from starting until an operator sets one
    assertThat(secret.getJsonObject("stringData").getString(ref.getString("key"))).isEmpty();
    assertThat(secret.getJsonObject("stringData").getString("SFU_SIGNALING_JWT_SECRET"))
        .isEmpty();
  }

  @Test
  void theEventBusHasAFixedPortThatOnlySfuPodsMayReachWithHazelcast() {
    int busPort = Integer.parseInt(k8s.envValue("SFU_CLUSTER_BUS_PORT"));
    assertThat(busPort).isEqualTo(5801);
    assertThat(k8s.containerPort("event-bus")).isEqualTo(busPort);
    int hazelcast = Integer.parseInt(k8s.envValue("SFU_CLUSTER_PORT"));

    JsonObject spec = k8s.one("NetworkPolicy").getJsonObject("spec");
    assertThat(Manifests.selects(spec.getJsonObject("podSelector"), k8s.podLabels())).isTrue();
    assertThat(spec.getJsonArray("policyTypes").getList()).contains("Ingress");
    List<JsonObject> rules = spec.getJsonArray("ingress").stream()
        .map(rule -> (JsonObject) rule).toList();
    // the cluster's ports: allowed from SFU pods, and in no rule open to any source
    for (int port : List.of(hazelcast, hazelcast + 9, busPort)) {
      assertThat(rules.stream().filter(rule -> allows(rule, "TCP", port)))
          .as("TCP %d", port).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getJsonArray("from")).as("TCP %d from", port).isNotNull()
                .allSatisfy(peer -> assertThat(Manifests.selects(
                    ((JsonObject) peer).getJsonObject("podSelector"), k8s.podLabels()))
                    .isTrue());
          });
    }
    // signaling and the media range stay open to all
    int min = Integer.parseInt(k8s.envValue("SFU_MEDIA_MIN_PORT"));
    int max = Integer.parseInt(k8s.envValue("SFU_MEDIA_MAX_PORT"));
    for (Object[] open : List.of(new Object[] {"TCP", 8080}, new Object[] {"UDP", min},
        new Object[] {"UDP", max})) {
      assertThat(rules.stream().anyMatch(rule -> !rule.containsKey("from")
          && allows(rule, (String) open[0], (Integer) open[1]))).as("%s %s", open).isTrue();
    }
  }

  /** Whether one NetworkPolicy ingress rule names {@code protocol} {@code port}. */
  private static boolean allows(JsonObject rule, String protocol, int port) {
    return rule.getJsonArray("ports").stream().map(p -> (JsonObject) p).anyMatch(p ->
        protocol.equals(p.getString("protocol", "TCP")) && p.getInteger("port") <= port
            && port <= p.getInteger("endPort", p.getInteger("port")));
  }

  @Test
  void theKustomizationListsEveryManifestAndSetsNoNamespace() throws Exception {
    JsonObject kustomization = k8s.one("Kustomization");
    List<String> manifests;
    try (Stream<Path> files = Files.list(Tools.K8S)) {
      manifests = files.map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList();
    }
    assertThat(kustomization.getJsonArray("resources").getList())
        .containsExactlyInAnyOrderElementsOf(manifests);
    assertThat(kustomization.containsKey("namespace")).isFalse();
  }

  @Test
  void theContainerRunsAsAnUnprivilegedUser() {
    JsonObject pod = k8s.podSpec().getJsonObject("securityContext");
    assertThat(pod.getBoolean("runAsNonRoot")).isTrue();
    assertThat(pod.getInteger("runAsUser")).isPositive();
    JsonObject container = k8s.container().getJsonObject("securityContext");
    assertThat(container.getBoolean("allowPrivilegeEscalation")).isFalse();
    assertThat(container.getBoolean("readOnlyRootFilesystem")).isTrue();
    assertThat(container.getJsonObject("capabilities").getJsonArray("drop").getList())
        .containsExactly("ALL");
    assertThat(k8s.podSpec().getBoolean("automountServiceAccountToken")).isFalse();
  }
}
