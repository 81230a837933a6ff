package dev.vertxsfu.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the browser tests share about their Node.js harnesses in {@code src/test/js}: installing
 * them, running a command to its end, reading a log's tail. Called from the JUnit thread of
 * {@link BrowserEndToEndTest}, {@link BrowserRecoveryTest} and
 * {@link FirefoxChromiumTest}; owns no state.
 */
final class BrowserHarness {
  static final Path HARNESS = Path.of("src", "test", "js");
  static final Path OUT = Path.of("target", "browser");
  private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

  private BrowserHarness() {
  }

  /** {@code npm ci} in the harness when its playwright-core or puppeteer-core is missing. */
  static void ensureInstalled() throws Exception {
    if (Files.isDirectory(HARNESS.resolve(Path.of("node_modules", "playwright-core")))
        && Files.isDirectory(HARNESS.resolve(Path.of("node_modules", "puppeteer-core")))) {
      return;
    }
    Files.createDirectories(OUT);
    Path log = OUT.resolve("npm-ci.log");
    int exit = run(List.of("npm", "ci", "--prefix", HARNESS.toString(), "--no-audit",
        "--no-fund"), log, log, NPM_TIMEOUT);
    assertThat(exit).as("npm ci in " + HARNESS + ":\n" + tail(log)).isZero();
  }

  /**
   * Runs a command from the project's directory and waits for it; on timeout it and its
   * children (Chromium) are killed and the test fails.
   */
  static int run(List<String> command, Path stdout, Path stderr, Duration timeout)
      throws InterruptedException, IOException {
    Process process;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
      if (stdout.equals(stderr)) {
        builder.redirectErrorStream(true);
      } else {
        builder.redirectError(stderr.toFile());
      }
      process = builder.start();
    } catch (IOException e) {
      throw cannotRun(command, e);
    }
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill(process);
      fail(String.join(" ", command) + " did not finish within " + timeout + "\n" + tail(stderr));
    }
    return process.exitValue();
  }

  static IOException cannotRun(List<String> command, IOException cause) {
    return new IOException("cannot run " + command.get(0) + ": Node.js 20+ and npm are needed "
        + "(scripts/test.sh installs them)", cause);
  }

  /** Kills a harness and its children (Chromium). */
  static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no " + file + ": " + e.getMessage() + ")";
    }
  }
}
