package dev.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.net.TurnServer;
import dev.callflow.peer.Peer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No browser, driver or browser file outlives its owner: not on close, not when the JVM is killed or
 * interrupted in the middle of a call or of a launch. The JVMs under test are children with their own
 * temp folder, so their processes and files can be told apart from those of other runs on the machine.
 *
 * <p>Isolated: {@link #closingASessionEndsEveryBrowserAndDriver} counts this JVM's browser processes, and a test running
 * beside it would start some of its own (a busy fresh-clone run failed on another test's browsers, still running).
 */
@Isolated
class LifecycleTest {
  /** How long the leftovers of a JVM that ended may take to go. */
  private static final Duration CLEAN_WITHIN = Duration.ofSeconds(10);

  private static List<ProcessHandle> browserProcesses(ProcessHandle root) {
    return root.descendants().filter(p -> p.info().command().map(c -> c.matches(".*(chrom|firefox|gecko).*")).orElse(false)).toList();
  }

  /** Whether the process is one of these or descends from one of them. */
  private static boolean ofAny(ProcessHandle process, List<ProcessHandle> ancestors) {
    for (Optional<ProcessHandle> p = Optional.of(process); p.isPresent(); p = p.get().parent()) {
      if (ancestors.contains(p.get())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void closingASessionEndsEveryBrowserAndDriver() {
    List<ProcessHandle> started;
    // Browsers of the JUnit run's own session (warm in its pool, from earlier test classes) are not this session's.
    List<ProcessHandle> before = browserProcesses(ProcessHandle.current());
    try (Callflow callflow = Callflow.start()) {
      List<Peer> peers = callflow.peers(List.of(
          new Callflow.PeerRequest("alice", BrowserSpec.of(BrowserType.CHROME)),
          new Callflow.PeerRequest("bob", BrowserSpec.of(BrowserType.FIREFOX))));
      peers.get(0).call(peers.get(1)).withDataChannel("chat").connect();
      started = browserProcesses(ProcessHandle.current()).stream().filter(p -> !ofAny(p, before)).toList();
      assertThat(started).isNotEmpty();
    }
    await("every browser and driver process of the closed session to end").atMost(CLEAN_WITHIN)
        .untilAsserted(() -> assertThat(started).noneMatch(ProcFs::running));
  }

  /**
   * A child JVM connects a Chrome-Firefox call, then ends: normally, or by a signal to the JVM alone
   * ({@code kill}) or to its whole process group (Ctrl-C in a terminal, a CI cancel). Unless it is
   * SIGKILL, the browsers are ended, and their folders removed, before the JVM exits; after SIGKILL the
   * watchdog does it.
   */
  @ParameterizedTest(name = "{0} to the {1}")
  @CsvSource({"CLOSE, jvm", "KILL, jvm", "TERM, jvm", "INT, group", "HUP, group", "TERM, group"})
  void aJvmThatEndsMidCallLeavesNothing(String signal, String target, @TempDir Path tmp) throws Exception {
    try (ChildJvm child = ChildJvm.start(HoldCall.class, tmp)) {
      child.awaitReady(Duration.ofSeconds(90));
      Set<ProcessHandle> running = child.processes(Set.of());
      assertThat(commands(running)).as("the child's browsers and drivers").contains("chromedriver", "chromium", "geckodriver", "firefox-esr");
      Set<Long> groups = running.stream().map(p -> ProcFs.group(p.pid())).collect(Collectors.toCollection(HashSet::new));

      if (signal.equals("CLOSE")) {
        child.tell("close");
      } else {
        child.signal(signal, target.equals("group"));
      }
      int exit = child.awaitExit(Duration.ofSeconds(30));

      if (!signal.equals("KILL")) {
        Set<ProcessHandle> atExit = child.processes(groups);
        atExit.removeIf(ChildJvm::isWatchdog);
        atExit.removeIf(ProcFs::exiting); // killed already; its last moments are the kernel's
        assertThat(atExit).as("browsers and drivers running when the JVM exited" + ChildJvm.describe(atExit)).isEmpty();
        assertThat(child.browserFolders()).as("browser folders left when the JVM exited").isEmpty();
      }
      assertLeavesNothing(child, groups, signal + " to the " + target + " (exit " + exit + ")");
    }
  }

  @Test
  void aJvmKilledWhileItsDriversStartLeavesNothing(@TempDir Path tmp) throws Exception {
    try (ChildJvm child = ChildJvm.start(HoldCall.class, tmp)) {
      Set<Long> groups = new HashSet<>();
      await("a driver of the child to start").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
        Set<ProcessHandle> running = child.processes(Set.of());
        running.forEach(p -> groups.add(ProcFs.group(p.pid())));
        return commands(running).stream().anyMatch(c -> c.endsWith("driver"));
      });
      child.signal("KILL", false);
      child.awaitExit(Duration.ofSeconds(30));

      assertLeavesNothing(child, groups, "KILL during the launch");
    }
  }

  /**
   * A child JVM starts a TURN server (in the hermetic network namespace, where one can be made) and a second one
   * on the host's network, then is killed with {@code kill -9}, or ends normally: no turnserver is left.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"KILL", "TERM", "CLOSE"})
  void aJvmThatEndsLeavesNoTurnServer(String signal, @TempDir Path tmp) throws Exception {
    try (ChildJvm child = ChildJvm.start(HoldTurnServers.class, tmp)) {
      child.awaitReady(Duration.ofSeconds(30));
      Set<ProcessHandle> running = child.processes(Set.of());
      assertThat(running.stream().filter(p -> p.info().command().orElse("").endsWith("turnserver"))).as("the child's turnservers").hasSize(2);
      Set<Long> groups = running.stream().map(p -> ProcFs.group(p.pid())).collect(Collectors.toCollection(HashSet::new));

      if (signal.equals("CLOSE")) {
        child.tell("close");
      } else {
        child.signal(signal, false);
      }
      child.awaitExit(Duration.ofSeconds(30));

      assertLeavesNothing(child, groups, "turnservers, " + signal);
    }
  }

  private static void assertLeavesNothing(ChildJvm child, Set<Long> groups, String how) throws Exception {
    long ended = System.nanoTime();
    String atExit = child.processes(groups).size() + " processes and " + child.files().size() + " files";
    await("the child's browsers, drivers and their files to go").atMost(CLEAN_WITHIN).untilAsserted(() -> {
      assertThat(child.processes(groups)).as("processes left by the child" + ChildJvm.describe(child.processes(groups))).isEmpty();
      assertThat(child.files()).as("files left in the child's temp folder").isEmpty();
    });
    System.out.printf("%s: %s left when the JVM ended, none %d ms later%n", how, atExit, (System.nanoTime() - ended) / 1_000_000);
  }

  private static Set<String> commands(Set<ProcessHandle> processes) {
    return processes.stream().map(p -> p.info().command().orElse("")).map(c -> Path.of(c).getFileName().toString())
        .collect(Collectors.toSet());
  }

  /**
   * Run in a child JVM: connects a Chrome and a Firefox peer, prints READY, then closes everything
   * when a line arrives on its input, unless a signal ends it first.
   */
  public static final class HoldCall {
    public static void main(String[] args) throws Exception {
      Callflow callflow = Callflow.start();
      List<Peer> peers = callflow.peers(List.of(new Callflow.PeerRequest("alice", BrowserSpec.of(BrowserType.CHROME)),
          new Callflow.PeerRequest("bob", BrowserSpec.of(BrowserType.FIREFOX))));
      peers.get(0).call(peers.get(1)).withAudio().withDataChannel("chat").connect();
      System.out.println("READY");
      System.out.flush();
      System.in.read(); // until told to close, or signalled
      callflow.close();
    }
  }

  /** Run in a child JVM: starts two TURN servers, prints READY, then closes them when a line arrives on its input. */
  public static final class HoldTurnServers {
    public static void main(String[] args) throws Exception {
      TurnServer inNamespace = TurnServer.start();
      TurnServer onHost = TurnServer.builder().onHostNetwork().start();
      System.out.println("READY");
      System.out.flush();
      System.in.read(); // until told to close, or signalled
      inNamespace.close();
      onHost.close();
    }
  }
}
