package dev.vertxsfu.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linters over {@code k8s/} and the {@code Dockerfile} pass, and each of them bites: a
 * badly formatted file, a Deployment with fields of the wrong type, unknown kinds and names,
 * a kustomization that forgets a file, and a broken Dockerfile are all refused. What the
 * manifests say is checked by {@link ManifestContentTest} and {@link DockerfileTest}.
 */
class ManifestValidationTest {

  @Test
  void yamllintAcceptsEveryManifest() throws Exception {
    Tools.Result lint = Tools.yamllint(Tools.K8S);

    assertThat(lint.exit()).as(lint.toString()).isZero();
    assertThat(lint.stdout()).as(lint.toString()).isEmpty();
  }

  @Test
  void yamllintRefusesABadlyFormattedFile() throws Exception {
    Tools.Result lint = Tools.yamllint(Tools.BROKEN.resolve("badly-formatted.yaml"));

    assertThat(lint.exit()).as(lint.toString()).isNotZero();
    assertThat(lint.stdout()).contains("(document-start)", "(key-duplicates)", "(truthy)",
        "(indentation)");
  }

  @Test
  void everyObjectMatchesTheSchemaOfItsKind() throws Exception {
    Tools.Result result = Tools.node("validate.mjs", Tools.K8S.toString());

    assertThat(result.exit()).as(result.toString()).isZero();
    JsonObject summary = result.json();
    assertThat(summary.getBoolean("ok")).isTrue();
    assertThat(summary.getJsonArray("errors")).isEmpty();
    assertThat(summary.getInteger("files")).isEqualTo(9);
    assertThat(summary.getJsonObject("kinds").getMap()).isEqualTo(Map.of("Kustomization", 1,
        "ConfigMap", 1, "Secret", 1, "Service", 2, "Deployment", 1, "PodDisruptionBudget", 1,
        "Ingress", 1, "NetworkPolicy", 1));
  }

  @Test
  void aDeploymentWithFieldsOfTheWrongTypeFailsTheSchemaCheck() throws Exception {
    Tools.Result result =
        Tools.node("validate.mjs", Tools.BROKEN.resolve("broken-deployment.yaml").toString());

    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(result.json().getBoolean("ok")).isFalse();
    assertThat(errorPaths(result)).containsExactlyInAnyOrder(
        "/spec/replicas",
        "/spec/template/spec/hostNetwork",
        "/spec/template/spec/containers/0/ports/0/containerPort",
        "/spec/template/spec/containers/0/env/0/value");
  }

  @Test
  void anUnknownKindABadNameAndANamespaceAreRefused() throws Exception {
    Tools.Result result =
        Tools.node("validate.mjs", Tools.BROKEN.resolve("misnamed-objects.yaml").toString());

    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(messages(result)).anyMatch(m -> m.contains("no schema for apps/v1 Deploymnet"))
        .anyMatch(m -> m.contains("\"Vertx_SFU\" is not a valid RFC 1035 label"))
        .anyMatch(m -> m.contains("namespace-agnostic"));
  }

  @Test
  void aKustomizationThatForgetsAManifestIsRefused(@TempDir Path copy) throws Exception {
    try (Stream<Path> files = Files.list(Tools.K8S)) {
      for (Path file : files.toList()) {
        Files.copy(file, copy.resolve(file.getFileName()));
      }
    }
    Path kustomization = copy.resolve("kustomization.yaml");
    Files.writeString(kustomization,
        Files.readString(kustomization).replace("  - pdb.yaml\n", ""));

    Tools.Result result = Tools.node("validate.mjs", copy.toString());

    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    assertThat(messages(result)).containsExactly("pdb.yaml is beside it but not listed");
  }

  @Test
  void theDockerfilePassesTheLint() throws Exception {
    Tools.Result result = Tools.node("lint-dockerfile.mjs", "Dockerfile");

    assertThat(result.exit()).as(result.toString()).isZero();
    assertThat(result.json().getJsonArray("diagnostics")).isEmpty();
  }

  @Test
  void aBrokenDockerfileFailsTheLint() throws Exception {
    Tools.Result result =
        Tools.node("lint-dockerfile.mjs", Tools.BROKEN.resolve("broken.Dockerfile").toString());

    assertThat(result.exit()).as(result.toString()).isEqualTo(1);
    List<String> messages = result.json().getJsonArray("diagnostics").stream()
        .map(d -> ((JsonObject) d).getString("message")).toList();
    assertThat(messages).anyMatch(m -> m.contains("WORKDIR paths should be absolute"))
        .anyMatch(m -> m.contains("Invalid proto: sctpx"))
        .anyMatch(m -> m.contains("no arguments"))
        .anyMatch(m -> m.contains("single quotes"));
  }

  private static List<String> errorPaths(Tools.Result result) {
    return result.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("path")).toList();
  }

  private static List<String> messages(Tools.Result result) {
    return result.json().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("message")).toList();
  }
}
