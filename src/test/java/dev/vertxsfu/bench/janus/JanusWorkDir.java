package dev.vertxsfu.bench.janus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder one Janus process runs from ({@code target/janus-*} when run from the project, else
 * in the temporary folder): its configuration rendered from the
 * templates in {@code bench/janus/conf} ({@code ${NAME}} replaced by this run's ports and
 * folders), private plugin and transport folders holding only links to the VideoRoom plugin
 * and the WebSocket transport (so nothing else loads), empty logger and event folders, the
 * loopback shim compiled from {@code bench/janus/loopback-shim.c}, and Janus's log.
 *
 * <p>Made by {@link JanusProcess} off the event loop (it writes files and runs gcc).
 */
record JanusWorkDir(Path root) {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");
  private static final long GCC_TIMEOUT_SECONDS = 60;

  Path conf() {
    return root.resolve("conf");
  }

  Path plugins() {
    return root.resolve("plugins");
  }

  Path transports() {
    return root.resolve("transports");
  }

  Path shim() {
    return root.resolve("loopback-shim.so");
  }

  Path log() {
    return root.resolve("janus.log");
  }

  /** Creates the folder for a Janus on {@code webSocketPort} and RTP ports min-max. */
  static JanusWorkDir create(JanusInstallation janus, JanusOptions options, int webSocketPort,
      int rtpMin, int rtpMax) throws IOException, InterruptedException {
    JanusWorkDir dir = new JanusWorkDir(Files.createTempDirectory(parent(), "janus-"));
    try {
      dir.fill(janus, options, webSocketPort, rtpMin, rtpMax);
    } catch (IOException | InterruptedException | RuntimeException e) {
      dir.deleteAllButLog();
      Files.deleteIfExists(dir.root());
      throw e;
    }
    return dir;
  }

  private void fill(JanusInstallation janus, JanusOptions options, int webSocketPort,
      int rtpMin, int rtpMax) throws IOException, InterruptedException {
    for (String folder : List.of("conf", "plugins", "transports", "events", "loggers")) {
      Files.createDirectories(root.resolve(folder));
    }
    Files.createSymbolicLink(plugins().resolve(JanusInstallation.VIDEOROOM),
        janus.videoRoomPlugin());
    Files.createSymbolicLink(transports().resolve(JanusInstallation.WEBSOCKETS),
        janus.webSocketTransport());
    Map<String, String> values = Map.of(
        "CONFIG_FOLDER", conf().toString(),
        "PLUGINS_FOLDER", plugins().toString(),
        "TRANSPORTS_FOLDER", transports().toString(),
        "EVENTS_FOLDER", root.resolve("events").toString(),
        "LOGGERS_FOLDER", root.resolve("loggers").toString(),
        "DEBUG_LEVEL", Integer.toString(options.debugLevel()),
        "RTP_PORT_MIN", Integer.toString(rtpMin),
        "RTP_PORT_MAX", Integer.toString(rtpMax),
        "WS_PORT", Integer.toString(webSocketPort));
    try (Stream<Path> templates = Files.list(options.benchDir().resolve("conf"))) {
      for (Path template : templates.filter(p -> p.toString().endsWith(".jcfg")).toList()) {
        Files.writeString(conf().resolve(template.getFileName()),
            render(Files.readString(template), values), StandardCharsets.UTF_8);
      }
    }
    compileShim(options.benchDir().resolve("loopback-shim.c"), shim());
  }

  /** Maven's {@code target/} when run from the project (so {@code mvn clean} removes the logs). */
  private static Path parent() throws IOException {
    Path target = Path.of(System.getProperty("janus.work.dir", "target")).toAbsolutePath();
    return Files.isDirectory(target) ? target
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** The template with each {@code ${NAME}} replaced; an unknown name is an error. */
  static String render(String template, Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = values.get(matcher.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for ${" + matcher.group(1) + "}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(out).toString();
  }

  /** gcc builds the LD_PRELOAD shim; its output goes into the exception when it fails. */
  private static void compileShim(Path source, Path library)
      throws IOException, InterruptedException {
    Process gcc = new ProcessBuilder("gcc", "-shared", "-fPIC", "-O2", "-Wall", "-o",
        library.toString(), source.toString(), "-ldl").redirectErrorStream(true).start();
    String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!gcc.waitFor(GCC_TIMEOUT_SECONDS, TimeUnit.SECONDS) || gcc.exitValue() != 0) {
      gcc.destroyForcibly();
      throw new IllegalStateException("gcc could not build " + source + ": " + output);
    }
  }

  /** Deletes everything but Janus's log, which stays for a post-mortem. */
  void deleteAllButLog() throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        if (!file.equals(log()) && !file.equals(root)) {
          Files.deleteIfExists(file);
        }
      }
    }
  }
}
