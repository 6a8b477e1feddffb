package dev.callflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callflow.internal.Settings;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Timeline;
import dev.callflow.stats.StatsReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a person needs to understand a failed call without rerunning it: the merged timeline,
 * each peer's events, each connection's SDPs and a short stats series, console and a screenshot,
 * under {@code target/callflow/}.
 */
public final class Evidence {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Evidence() {}

  /** {@code target/callflow/<test class>/<test name>}, with characters unsafe in file names replaced. */
  public static Path folderFor(String testClass, String testName) {
    return root().resolve(safe(testClass)).resolve(safe(testName));
  }

  /**
   * Where evidence goes: {@code target/callflow}, or the folder named by {@code -Dcallflow.evidenceDir}.
   *
   * @throws dev.callflow.ConfigurationException if the named folder cannot be created or written in
   */
  public static Path root() {
    return Settings.system().writableDirectory("callflow.evidenceDir").orElse(Path.of("target/callflow"));
  }

  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9._\\-\\[\\]→]", "_");
  }

  /** Writes the evidence of these peers; a peer whose browser no longer answers contributes what Java holds. */
  public static void write(Path folder, List<Peer> peers, Throwable failure) {
    try {
      Files.createDirectories(folder);
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      Files.writeString(folder.resolve("failure.txt"), trace.toString());
      Files.writeString(folder.resolve("timeline.txt"), Timeline.of(peers.toArray(Peer[]::new)).toString());
      for (Peer peer : peers) {
        String n = safe(peer.name());
        Files.writeString(folder.resolve(n + "-browser.txt"), peer.browser().toString() + "\n");
        Files.writeString(folder.resolve(n + "-console.log"), String.join("\n", peer.console()) + "\n");
        StringBuilder events = new StringBuilder();
        for (PeerEvent e : peer.events()) {
          events.append(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(e)).append('\n');
        }
        Files.writeString(folder.resolve(n + "-events.jsonl"), events);
        peer.screenshot().ifPresent(png -> write(folder.resolve(n + ".png"), png));
        for (PeerConnection pc : peer.connections()) {
          Map<String, Object> state = new LinkedHashMap<>();
          try {
            state.put("local", pc.localDescription().orElse(null));
            state.put("remote", pc.remoteDescription().orElse(null));
            // A short series, so rates (is media still flowing?) can be read from the evidence too.
            state.put("stats", pc.sampleStats(Duration.ofMillis(250), Duration.ofMillis(750)).samples().stream()
                .map(StatsReport::json).toList());
          } catch (RuntimeException e) {
            state.put("unavailable", e.getMessage());
          }
          // Each page load numbers its connections from pc1: the document keeps the files apart.
          Files.writeString(folder.resolve(n + "-" + pc.id() + (pc.document().isEmpty() ? "" : "-" + pc.document()) + ".json"),
              JSON.writeValueAsString(state));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Callflow evidence to " + folder, e);
    }
  }

  private static void write(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
