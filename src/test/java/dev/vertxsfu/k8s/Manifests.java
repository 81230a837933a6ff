package dev.vertxsfu.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The objects of a manifest directory as JSON, parsed by {@code validate.mjs --dump} (there is
 * no YAML parser on the test class path; the validator parses as Kubernetes does, YAML 1.1),
 * with the look-ups the tests need: by kind and name, the SFU's pod, container and environment.
 */
final class Manifests {
  private final List<JsonObject> objects;

  private Manifests(List<JsonObject> objects) {
    this.objects = objects;
  }

  /** Validates and loads every manifest of a directory; fails unless all are valid. */
  static Manifests load(Path directory) throws Exception {
    Tools.Result result = Tools.node("validate.mjs", "--dump", directory.toString());
    assertThat(result.exit()).as(result.toString()).isZero();
    JsonArray dump = result.json().getJsonArray("dump");
    return new Manifests(dump.stream().map(entry -> ((JsonObject) entry).getJsonObject("object"))
        .toList());
  }

  List<JsonObject> all(String kind) {
    return objects.stream().filter(o -> kind.equals(o.getString("kind"))).toList();
  }

  JsonObject one(String kind) {
    List<JsonObject> found = all(kind);
    assertThat(found).as("objects of kind " + kind).hasSize(1);
    return found.get(0);
  }

  JsonObject named(String kind, String name) {
    Optional<JsonObject> found = all(kind).stream()
        .filter(o -> name.equals(o.getJsonObject("metadata").getString("name"))).findFirst();
    assertThat(found).as(kind + " " + name).isPresent();
    return found.get();
  }

  /** The SFU's Deployment (there is one). */
  JsonObject deployment() {
    return one("Deployment");
  }

  JsonObject podSpec() {
    return deployment().getJsonObject("spec").getJsonObject("template").getJsonObject("spec");
  }

  JsonObject podLabels() {
    return deployment().getJsonObject("spec").getJsonObject("template")
        .getJsonObject("metadata").getJsonObject("labels");
  }

  /** The SFU container (the pod has one). */
  JsonObject container() {
    JsonArray containers = podSpec().getJsonArray("containers");
    assertThat(containers).as("containers").hasSize(1);
    return containers.getJsonObject(0);
  }

  List<JsonObject> env() {
    return container().getJsonArray("env").stream().map(JsonObject.class::cast).toList();
  }

  /** The container's environment entry of that name (value or valueFrom). */
  JsonObject env(String name) {
    Optional<JsonObject> found = env().stream().filter(e -> name.equals(e.getString("name")))
        .findFirst();
    assertThat(found).as("env " + name + " of the SFU container").isPresent();
    return found.get();
  }

  /** A plain env value, or the value its configMapKeyRef points at. */
  String envValue(String name) {
    JsonObject entry = env(name);
    if (entry.containsKey("value")) {
      return entry.getString("value");
    }
    JsonObject ref = entry.getJsonObject("valueFrom").getJsonObject("configMapKeyRef");
    assertThat(ref).as("env " + name + " is a value or from a ConfigMap").isNotNull();
    return named("ConfigMap", ref.getString("name")).getJsonObject("data")
        .getString(ref.getString("key"));
  }

  /** The downward-API field an env entry comes from, or null. */
  String envFieldPath(String name) {
    JsonObject from = env(name).getJsonObject("valueFrom");
    return from == null || from.getJsonObject("fieldRef") == null ? null
        : from.getJsonObject("fieldRef").getString("fieldPath");
  }

  /** The container port a port reference (a number or a port's name) stands for. */
  int containerPort(Object reference) {
    if (reference instanceof Number number) {
      return number.intValue();
    }
    return container().getJsonArray("ports").stream().map(JsonObject.class::cast)
        .filter(p -> reference.equals(p.getString("name"))).findFirst()
        .map(p -> p.getInteger("containerPort"))
        .orElseThrow(() -> new AssertionError("no container port named " + reference));
  }

  /** Whether a label selector's matchLabels (or a Service's selector map) picks these labels. */
  static boolean selects(JsonObject selector, JsonObject labels) {
    JsonObject match = selector.containsKey("matchLabels")
        ? selector.getJsonObject("matchLabels") : selector;
    return !match.isEmpty() && match.stream()
        .allMatch(e -> e.getValue().equals(labels.getValue(e.getKey())));
  }
}
