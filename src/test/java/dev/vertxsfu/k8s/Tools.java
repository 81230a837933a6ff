package dev.vertxsfu.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the external checkers from the project's directory: {@code yamllint} and the Node.js
 * scripts of {@code src/test/k8s-validate/}. {@code scripts/test.sh} installs yamllint and runs
 * {@code npm ci} there first; when the scripts' {@code node_modules} is missing (a run from an
 * IDE) {@link #node} runs {@code npm ci} itself. Output goes through files under
 * {@code target/k8s-validate/} (never a pipe that could fill), and every run has a timeout.
 */
final class Tools {
  static final Path K8S = Path.of("k8s");
  static final Path VALIDATOR = Path.of("src", "test", "k8s-validate");
  static final Path BROKEN = Path.of("src", "test", "resources", "k8s");
  private static final Path OUT = Path.of("target", "k8s-validate");
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

  private Tools() {}

  /** A finished command: its exit code and what it printed. */
  record Result(List<String> command, int exit, String stdout, String stderr) {
    /** The JSON summary the scripts print as their standard output. */
    JsonObject json() {
      assertThat(stdout.trim()).as("JSON on the standard output of " + this).startsWith("{");
      return new JsonObject(stdout.trim());
    }

    @Override
    public String toString() {
      return String.join(" ", command) + " (exit " + exit + ")\nstdout: " + stdout
          + "\nstderr: " + stderr;
    }
  }

  /** {@code yamllint} with the manifests' configuration, warnings failing too. */
  static Result yamllint(Path... paths) throws Exception {
    List<String> command = new ArrayList<>(List.of("yamllint", "--strict", "--format", "parsable",
        "--config-file", K8S.resolve(".yamllint").toString()));
    for (Path path : paths) {
      command.add(path.toString());
    }
    return run(command, RUN_TIMEOUT);
  }

  /** A script of {@code src/test/k8s-validate/} under {@code node}. */
  static Result node(String script, String... args) throws Exception {
    ensureInstalled();
    List<String> command = new ArrayList<>(List.of("node", VALIDATOR.resolve(script).toString()));
    command.addAll(List.of(args));
    return run(command, RUN_TIMEOUT);
  }

  private static void ensureInstalled() throws Exception {
    if (Files.isDirectory(VALIDATOR.resolve(Path.of("node_modules", "kubernetes-models")))
        && Files.isDirectory(VALIDATOR.resolve(Path.of("node_modules", "dockerfile-utils")))) {
      return;
    }
    Result npm = run(List.of("npm", "ci", "--prefix", VALIDATOR.toString(), "--no-audit",
        "--no-fund"), NPM_TIMEOUT);
    assertThat(npm.exit()).as(npm.toString()).isZero();
  }

  /** Runs a command and waits for it; on timeout it and its children are killed and the test fails. */
  static Result run(List<String> command, Duration timeout) throws Exception {
    Files.createDirectories(OUT);
    Path stdout = Files.createTempFile(OUT, "run-", ".out");
    Path stderr = Files.createTempFile(OUT, "run-", ".err");
    Process process;
    try {
      process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile()).start();
    } catch (IOException e) {
      throw new IOException("cannot run " + command.get(0) + ": scripts/test.sh installs "
          + "yamllint, Node.js and npm", e);
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + timeout);
    }
    Result result = new Result(command, process.exitValue(),
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
    Files.delete(stdout);
    Files.delete(stderr);
    return result;
  }
}
