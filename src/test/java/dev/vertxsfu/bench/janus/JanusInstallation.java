package dev.vertxsfu.bench.janus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the installed Janus is: its binary and the folders holding its VideoRoom plugin and
 * WebSocket transport. Debian's package {@code janus} puts them in
 * {@code /usr/lib/<multiarch>/janus/{plugins,transports}}; a build from source in
 * {@code /opt/janus/lib/janus}. System properties {@code janus.binary} and
 * {@code janus.libdir} override the search. Blocking (file system): call it off the event loop.
 */
record JanusInstallation(Path binary, Path videoRoomPlugin, Path webSocketTransport) {
  static final String VIDEOROOM = "libjanus_videoroom.so";
  static final String WEBSOCKETS = "libjanus_websockets.so";

  /** Finds Janus or throws {@link IllegalStateException} saying how to install it. */
  static JanusInstallation find() {
    Path binary = findBinary();
    for (Path libDir : libDirs()) {
      Path plugin = libDir.resolve("plugins").resolve(VIDEOROOM);
      Path transport = libDir.resolve("transports").resolve(WEBSOCKETS);
      if (Files.isReadable(plugin) && Files.isReadable(transport)) {
        return new JanusInstallation(binary, plugin, transport);
      }
    }
    throw new IllegalStateException("Janus's " + VIDEOROOM + " and " + WEBSOCKETS
        + " not found in " + libDirs() + ": apt-get install janus, or set -Djanus.libdir");
  }

  private static Path findBinary() {
    String configured = System.getProperty("janus.binary");
    if (configured != null) {
      return Path.of(configured);
    }
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "janus");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no janus binary on the PATH: apt-get install janus");
  }

  private static List<Path> libDirs() {
    List<Path> dirs = new ArrayList<>();
    String configured = System.getProperty("janus.libdir");
    if (configured != null) {
      dirs.add(Path.of(configured));
    }
    try (Stream<Path> multiarch = Files.list(Path.of("/usr/lib"))) {
      multiarch.map(dir -> dir.resolve("janus")).filter(Files::isDirectory).forEach(dirs::add);
    } catch (IOException e) {
      // No /usr/lib to search: the fixed places below remain.
    }
    dirs.add(Path.of("/usr/lib/janus"));
    dirs.add(Path.of("/usr/local/lib/janus"));
    dirs.add(Path.of("/opt/janus/lib/janus"));
    return dirs;
  }
}
