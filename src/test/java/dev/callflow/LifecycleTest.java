package dev.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** No browser or driver outlives its owner: not on close, not when the JVM is killed. */
class LifecycleTest {
  private static List<ProcessHandle> browserProcesses(ProcessHandle root) {
    return root.descendants().filter(p -> p.info().command().map(c -> c.matches(".*(chrom|firefox|gecko).*")).orElse(false)).toList();
  }

  @Test
  void closingASessionEndsEveryBrowserAndDriver() {
    List<ProcessHandle> started;
    try (Callflow callflow = Callflow.start()) {
      List<Peer> peers = callflow.peers(List.of(
          new Callflow.PeerRequest("alice", dev.callflow.browser.BrowserSpec.of(BrowserType.CHROME)),
          new Callflow.PeerRequest("bob", dev.callflow.browser.BrowserSpec.of(BrowserType.FIREFOX))));
      peers.get(0).call(peers.get(1)).withDataChannel("chat").connect();
      started = browserProcesses(ProcessHandle.current());
      assertThat(started).isNotEmpty();
    }
    await("every browser and driver process of the closed session to end").atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(started).noneMatch(ProcessHandle::isAlive));
  }

  @Test
  void aKilledJvmLeavesNoBrowserBehind() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), HoldBrowsers.class.getName())
        .redirectErrorStream(true).start();
    List<Long> pids = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.equals("READY")) {
        if (line.startsWith("PID ")) {
          pids.add(Long.parseLong(line.substring(4)));
        }
      }
    }
    assertThat(pids).as("browser and driver processes of the child JVM").isNotEmpty();
    assertThat(pids.stream().map(ProcessHandle::of).map(Optional::orElseThrow)).allMatch(ProcessHandle::isAlive);

    child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no close()

    await("the watchdog to end the killed JVM's browsers " + pids).atMost(Duration.ofSeconds(15))
        .until(() -> pids.stream().map(ProcessHandle::of).noneMatch(p -> p.map(ProcessHandle::isAlive).orElse(false)));
  }

  /** Run in a child JVM: starts a Chrome and a Firefox peer, prints their processes, then waits to be killed. */
  public static final class HoldBrowsers {
    public static void main(String[] args) throws Exception {
      Callflow callflow = Callflow.start();
      callflow.peers(List.of(new Callflow.PeerRequest("alice", dev.callflow.browser.BrowserSpec.of(BrowserType.CHROME)),
          new Callflow.PeerRequest("bob", dev.callflow.browser.BrowserSpec.of(BrowserType.FIREFOX))));
      for (ProcessHandle p : browserProcesses(ProcessHandle.current())) {
        System.out.println("PID " + p.pid());
      }
      System.out.println("READY");
      System.out.flush();
      System.in.read(); // until killed
    }
  }
}
