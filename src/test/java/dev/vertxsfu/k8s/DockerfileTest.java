package dev.vertxsfu.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image the {@code Dockerfile} builds, checked without a Docker engine: it builds on
 * Maven and runs on a JRE, starts {@code Main} from the compiled classes and the runtime
 * dependencies with java as PID 1, runs as the user the pod expects, and exposes the ports the
 * manifests use. {@code ManifestValidationTest} runs the Dockerfile lint.
 */
class DockerfileTest {
  private static List<String> instructions;
  private static Manifests k8s;

  @BeforeAll
  static void load() throws Exception {
    instructions = instructions(Files.readAllLines(Path.of("Dockerfile")));
    k8s = Manifests.load(Tools.K8S);
  }

  @Test
  void buildsWithMavenAndRunsOnAJre() {
    List<String> from = withKeyword("FROM");
    assertThat(from).containsExactly("maven:3-eclipse-temurin-17 AS build",
        "eclipse-temurin:17-jre");
    assertThat(withKeyword("RUN")).anyMatch(run -> run.startsWith("mvn ")
        && run.contains("dependency:copy-dependencies") && run.contains("-DincludeScope=runtime")
        && run.contains("-DoutputDirectory=target/lib"));
    assertThat(withKeyword("RUN")).anyMatch(run -> run.startsWith("mvn ")
        && run.endsWith(" package"));
    assertThat(withKeyword("COPY")).contains("--from=build /build/target/lib/ ./lib/",
        "--from=build /build/target/classes/ ./classes/");
  }

  @Test
  void javaRunsMainAsPid1SizedByTheContainer() {
    List<String> entrypoint = withKeyword("ENTRYPOINT");
    assertThat(entrypoint).hasSize(1);
    // The JSON (exec) form: no shell in between, so SIGTERM reaches the JVM.
    List<Object> command = new JsonArray(entrypoint.get(0)).getList();
    assertThat(command).startsWith("java").contains("-XX:MaxRAMPercentage=75")
        .containsSubsequence("-cp", "/app/classes:/app/lib/*", "dev.vertxsfu.app.Main")
        .endsWith("dev.vertxsfu.app.Main");
    assertThat(withKeyword("WORKDIR")).last().isEqualTo("/app");
    assertThat(Path.of("target", "classes", "dev", "vertxsfu", "app", "Main.class"))
        .isRegularFile();
    assertThat(withKeyword("STOPSIGNAL")).containsExactly("SIGTERM");
  }

  @Test
  void runsAsTheUnprivilegedUserThePodExpects() {
    List<String> user = withKeyword("USER");
    assertThat(user).hasSize(1);
    String uid = user.get(0).split(":")[0];
    assertThat(Integer.parseInt(uid)).isPositive();
    assertThat(k8s.podSpec().getJsonObject("securityContext").getInteger("runAsUser"))
        .isEqualTo(Integer.parseInt(uid));
    // USER comes after the steps that need root (creating the user).
    assertThat(instructions.indexOf("USER " + user.get(0)))
        .isGreaterThan(instructions.indexOf(instructions.stream()
            .filter(i -> i.startsWith("RUN groupadd")).findFirst().orElseThrow()));
  }

  @Test
  void exposesTheHttpHazelcastAndMediaPortsOfTheManifests() {
    List<String> exposed = withKeyword("EXPOSE").stream()
        .flatMap(e -> List.of(e.split("\\s+")).stream()).toList();
    assertThat(exposed).containsExactlyInAnyOrder(
        k8s.containerPort("http") + "/tcp",
        k8s.containerPort("hazelcast") + "/tcp",
        k8s.envValue("SFU_MEDIA_MIN_PORT") + "-" + k8s.envValue("SFU_MEDIA_MAX_PORT") + "/udp");
    assertThat(withKeyword("ENV")).anyMatch(env -> env.contains("SFU_HTTP_HOST=0.0.0.0")
        && env.contains("SFU_MEDIA_BIND_HOST=0.0.0.0"));
  }

  @Test
  void theBuildContextLeavesOutBuildsToolsAndDependencies() throws Exception {
    List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream()
        .map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(ignored).contains("target", "**/node_modules", ".tools",
        "src/test/js/node_modules", ".git");
    // ...but not what the build copies.
    assertThat(ignored).doesNotContain("pom.xml", "src", "src/main");
  }

  /** The arguments of every instruction with this keyword, in order. */
  private static List<String> withKeyword(String keyword) {
    return instructions.stream().filter(i -> i.startsWith(keyword + " "))
        .map(i -> i.substring(keyword.length() + 1).trim()).toList();
  }

  /** The Dockerfile's instructions, comments dropped and continuation lines joined. */
  private static List<String> instructions(List<String> lines) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      String trimmed = line.trim();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      boolean continues = trimmed.endsWith("\\");
      if (current.length() > 0) {
        current.append(' ');
      }
      current.append(continues ? trimmed.substring(0, trimmed.length() - 1).trim() : trimmed);
      if (!continues) {
        result.add(current.toString().replaceAll("\\s+", " "));
        current.setLength(0);
      }
    }
    return result;
  }
}
