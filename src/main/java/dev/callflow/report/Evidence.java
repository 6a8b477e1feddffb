package dev.callflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what a person needs to understand a failed call without rerunning it: the merged timeline,
 * each peer's events, each connection's SDPs and a short stats series, console and a screenshot,
 * in the evidence folder ({@code callflow.evidenceDir}, {@code target/callflow/} by default).
 */
public final class Evidence {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Evidence() {}

  /**
   * {@code <root>/<test class>/<test name>}, each name made a plain file name (characters unsafe in
   * file names replaced, never {@code ..}, long names cut), so it stays in the evidence folder.
   *
   * @param root the evidence folder, e.g. the configured {@code callflow.evidenceDir}
   * @param testClass the test class's name
   * @param testName the test's display name, e.g. {@code audioVideoCall[chrome→firefox]}
   * @return the test's folder inside {@code root}; not created here
   */
  public static Path folderFor(Path root, String testClass, String testName) {
    return EvidenceFiles.folder(root, testClass, testName);
  }

  /**
   * Writes the evidence of these peers; a peer whose browser no longer answers contributes what Java holds.
   * Files an earlier run left in the folder are removed first, so the folder shows one failure only.
   *
   * @param folder where to write, created if needed, e.g. from {@link #folderFor}
   * @param peers the test's peers
   * @param failure the test's failure, written with its stack trace to {@code failure.txt}
   * @throws java.io.UncheckedIOException if the folder or a file cannot be written
   */
  public static void write(Path folder, List<Peer> peers, Throwable failure) {
    try {
      Files.createDirectories(folder);
      try (var earlier = Files.list(folder)) {
        for (Path file : (Iterable<Path>) earlier::iterator) {
          if (Files.isRegularFile(file)) {
            Files.delete(file);
          }
        }
      }
      StringWriter trace = new StringWriter();
      failure.printStackTrace(new PrintWriter(trace));
      Files.writeString(folder.resolve("failure.txt"), trace.toString());
      Files.writeString(folder.resolve("timeline.txt"), Timeline.of(peers.toArray(Peer[]::new)).toString());
      for (Peer peer : peers) {
        String n = peer.name();
        Files.writeString(EvidenceFiles.file(folder, "-browser.txt", n), peer.browser().toString() + "\n");
        Files.writeString(EvidenceFiles.file(folder, "-console.log", n), String.join("\n", peer.console()) + "\n");
        StringBuilder events = new StringBuilder();
        for (PeerEvent e : peer.events()) {
          events.append(e.json()).append('\n');
        }
        Files.writeString(EvidenceFiles.file(folder, "-events.jsonl", n), events);
        peer.screenshot().ifPresent(png -> write(EvidenceFiles.file(folder, ".png", n), png));
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
          // Connection names are unique per peer (pc1, tab2/pc1, frame:call/pc1): one file each,
          // alice-tab2-pc1.json. Frame names come from the page, so each part is made safe like the names.
          List<String> parts = new ArrayList<>(List.of(n));
          parts.addAll(List.of(pc.id().split("/")));
          Path file = EvidenceFiles.file(folder, ".json", parts.toArray(String[]::new));
          Files.writeString(file, JSON.writeValueAsString(state));
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
