package dev.callflow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.SessionDescription;
import dev.callflow.peer.Timeline;
import dev.callflow.stats.StatsReport;
import dev.callflow.stats.StatsSeries;
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
import java.util.Optional;

/**
 * Writes what a person needs to understand a failed call without rerunning it: the merged timeline,
 * each peer's events, each connection's SDPs and a short stats series, console and a screenshot,
 * in the evidence folder ({@code callflow.evidenceDir}, {@code target/callflow/} by default).
 *
 * <pre>{@code
 * Path folder = Evidence.folderFor(Path.of("target/callflow"), "CallTest", "connects[chrome→firefox]");
 * Evidence evidence = Evidence.write(folder, List.of(alice, bob), failure);
 * RunReport.in(Path.of("target/callflow")).failed("CallTest", "connects[chrome→firefox]", evidence);
 * }</pre>
 */
public final class Evidence {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What was captured of one connection.
   *
   * @param id the probe's id, e.g. {@code pc1}
   * @param document the page load it lives in
   * @param local its local description, or null
   * @param remote its remote description, or null
   * @param stats the short series sampled for the evidence; empty if the browser did not answer
   * @param unavailable why the browser did not answer, or null
   */
  record Connection(String id, String document, SessionDescription local, SessionDescription remote, StatsSeries stats,
      String unavailable) {}

  /**
   * What was captured of one peer.
   *
   * @param name its name
   * @param browser its browser
   * @param console its console lines
   * @param events its events
   * @param screenshot the file its screenshot was written to, or null if there is none
   * @param connections its connections
   */
  record Capture(String name, BrowserInfo browser, List<String> console, List<PeerEvent> events, Path screenshot,
      List<Connection> connections) {}

  private final Path folder;
  private final Throwable failure;
  private final long failedNanos;
  private final List<Capture> peers;

  Evidence(Path folder, Throwable failure, long failedNanos, List<Capture> peers) {
    this.folder = folder;
    this.failure = failure;
    this.failedNanos = failedNanos;
    this.peers = List.copyOf(peers);
  }

  /** {@return the folder the evidence was written to} */
  public Path folder() {
    return folder;
  }

  /** {@return the failure the evidence explains} */
  public Throwable failure() {
    return failure;
  }

  /** When the evidence was taken, by {@link System#nanoTime()}: right after the failure. */
  long failedNanos() {
    return failedNanos;
  }

  /** What was captured of each peer, in the test's order. */
  List<Capture> peers() {
    return peers;
  }


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
   * @return what was written, for a report ({@link RunReport#failed})
   * @throws java.io.UncheckedIOException if the folder or a file cannot be written
   */
  public static Evidence write(Path folder, List<Peer> peers, Throwable failure) {
    long failedNanos = System.nanoTime();
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
      List<Capture> captures = new ArrayList<>();
      for (Peer peer : peers) {
        String n = peer.name();
        Files.writeString(EvidenceFiles.file(folder, "-browser.txt", n), peer.browser().toString() + "\n");
        List<String> console = peer.console();
        Files.writeString(EvidenceFiles.file(folder, "-console.log", n), String.join("\n", console) + "\n");
        List<PeerEvent> events = peer.events();
        StringBuilder lines = new StringBuilder();
        for (PeerEvent e : events) {
          lines.append(e.json()).append('\n');
        }
        Files.writeString(EvidenceFiles.file(folder, "-events.jsonl", n), lines);
        Path shot = EvidenceFiles.file(folder, ".png", n);
        Optional<byte[]> png = peer.screenshot();
        if (png.isPresent()) {
          Files.write(shot, png.get());
        }
        List<Connection> connections = new ArrayList<>();
        for (PeerConnection pc : peer.connections()) {
          Connection connection = capture(pc);
          Map<String, Object> state = new LinkedHashMap<>();
          if (connection.unavailable() == null) {
            state.put("local", connection.local());
            state.put("remote", connection.remote());
            state.put("stats", connection.stats().samples().stream().map(StatsReport::json).toList());
          } else {
            // What the browser gave before it stopped answering.
            Optional.ofNullable(connection.local()).ifPresent(d -> state.put("local", d));
            Optional.ofNullable(connection.remote()).ifPresent(d -> state.put("remote", d));
            state.put("unavailable", connection.unavailable());
          }
          // Connection names are unique per peer (pc1, tab2/pc1, frame:call/pc1): one file each,
          // alice-tab2-pc1.json. Frame names come from the page, so each part is made safe like the names.
          List<String> parts = new ArrayList<>(List.of(n));
          parts.addAll(List.of(pc.id().split("/")));
          Path file = EvidenceFiles.file(folder, ".json", parts.toArray(String[]::new));
          Files.writeString(file, JSON.writeValueAsString(state));
          connections.add(connection);
        }
        captures.add(new Capture(n, peer.browser(), console, events, png.isPresent() ? shot : null, connections));
      }
      return new Evidence(folder, failure, failedNanos, captures);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write Callflow evidence to " + folder, e);
    }
  }

  /** A connection's descriptions and a short stats series, so rates (is media still flowing?) can be read from the evidence too. */
  private static Connection capture(PeerConnection pc) {
    SessionDescription local = null;
    SessionDescription remote = null;
    try {
      local = pc.localDescription().orElse(null);
      remote = pc.remoteDescription().orElse(null);
      StatsSeries stats = pc.sampleStats(Duration.ofMillis(250), Duration.ofMillis(750));
      return new Connection(pc.id(), pc.document(), local, remote, stats, null);
    } catch (RuntimeException e) {
      return new Connection(pc.id(), pc.document(), local, remote, StatsSeries.of(List.of()), String.valueOf(e.getMessage()));
    }
  }
}
