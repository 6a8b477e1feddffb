package dev.callflow.bench;

import static dev.callflow.assertions.CallflowAssertions.assertThat;

import dev.callflow.Callflow;
import dev.callflow.bench.ConnectBenchmark.Figure;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.Processes;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;

/**
 * What a peer costs and how many one machine carries: the memory of each browser in a call with media
 * flowing ({@code browserMemoryMb.chrome}, {@code .firefox}: the proportional set size of every process the
 * peer's browser and driver run), and the most peers of one mesh call (the sample room app: everyone calls
 * everyone) in which every connection reaches 'connected' with video arriving ({@code maxMeshPeers}).
 */
public final class ScaleBenchmark {
  /** Browsers of a mesh alternate, Chrome first: a mixed mesh is what interop suites run. */
  private static final BrowserType[] MESH = {BrowserType.CHROME, BrowserType.FIREFOX};
  private static final int MESH_LIMIT = 8;
  private static final Duration MESH_WITHIN = Duration.ofSeconds(45);

  private ScaleBenchmark() {}

  /** Prints these figures alone ({@code ci/bench.sh scale [runs, default 3]}); the full benchmark includes them. */
  public static void main(String[] args) {
    measure(args.length > 0 ? Integer.parseInt(args[0]) : 3, new java.util.LinkedHashMap<>());
  }

  static void measure(int runs, Map<String, Figure> figures) {
    Map<BrowserType, List<Double>> memory = new HashMap<>();
    for (int i = 0; i < runs; i++) {
      for (BrowserType type : BrowserType.values()) {
        memory.computeIfAbsent(type, k -> new ArrayList<>()).add(memoryInCall(type));
      }
    }
    memory.forEach((type, mb) -> figures.put("browserMemoryMb." + type.id(), Figure.of(mb)));
    System.out.println("\nmemory per peer in an audio+video call (MB, PSS of browser and driver): " + memory.keySet().stream()
        .map(t -> t.id() + " " + figures.get("browserMemoryMb." + t.id())).toList());

    int most = 0;
    for (int n = 2; n <= MESH_LIMIT; n++) {
      long start = System.nanoTime();
      String failure = mesh(n);
      System.out.printf(Locale.ROOT, "mesh of %d peers: %s in %.1f s%n", n, failure.isEmpty() ? "media flowing everywhere" : failure,
          (System.nanoTime() - start) / 1e9);
      if (!failure.isEmpty()) {
        break;
      }
      most = n;
    }
    figures.put("maxMeshPeers", Figure.of(List.of((double) most)));
    System.out.println("maxMeshPeers (chrome and firefox alternating, up to " + MESH_LIMIT + "): " + most);
  }

  /** A peer of this browser calls one of the other browser; once media flows, the first one's memory in MB. */
  private static double memoryInCall(BrowserType type) {
    BrowserType other = type == BrowserType.CHROME ? BrowserType.FIREFOX : BrowserType.CHROME;
    try (Callflow callflow = Callflow.start()) {
      List<Peer> peers = callflow.peers(List.of(new Callflow.PeerRequest("measured", BrowserSpec.of(type)),
          new Callflow.PeerRequest("other", BrowserSpec.of(other))));
      var call = peers.get(0).call(peers.get(1)).withAudio().withVideo().connect();
      assertThat(call.caller()).hasInboundMediaFlowing("video", Duration.ofSeconds(20));
      return pssMb(type);
    }
  }

  /** The PSS of the processes started in this browser type's folders (one browser of that type runs). */
  private static double pssMb(BrowserType type) {
    double kb = 0;
    try {
      for (long pid : Processes.pids()) {
        String folder = Processes.variable(pid, "TMPDIR").map(t -> Path.of(t).getFileName().toString()).orElse("");
        if (folder.startsWith(type.id() + "-")) {
          kb += pssKb(pid);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("No /proc to read memory from", e);
    }
    return kb / 1024;
  }

  private static long pssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process ended meanwhile
    }
    return 0;
  }

  /** n peers join one room of the sample app; empty if all connect with video arriving, else what failed. */
  private static String mesh(int n) {
    try (Callflow callflow = Callflow.start()) {
      List<Callflow.PeerRequest> requests = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        requests.add(new Callflow.PeerRequest("p" + (i + 1), BrowserSpec.of(MESH[i % MESH.length])));
      }
      List<Peer> peers = callflow.peers(requests);
      callflow.server().signaling().open("mesh");
      for (Peer p : peers) {
        p.open("/sample/room.html?room=mesh&name=" + p.name());
        p.driver().findElement(By.id("join")).click();
      }
      for (Peer p : peers) {
        for (int c = 1; c < n; c++) {
          PeerConnection pc = p.awaitConnection(c, MESH_WITHIN).awaitConnectionState(ConnectionState.CONNECTED, MESH_WITHIN);
          assertThat(pc).hasInboundMediaFlowing("video", MESH_WITHIN);
        }
      }
      return "";
    } catch (RuntimeException | AssertionError e) {
      return e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    }
  }
}
