package dev.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.callflow.internal.browser.LocalGrid;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM starts a {@link LocalGrid} (hub, two nodes, their network namespace) and ends: closing it, killed with
 * {@code kill -9} (its watchdog ends the Grid), or killed together with its watchdog (the next {@link
 * LocalGrid#removeLeftovers()} ends the Grid by its mark). No process of the Grid is left.
 */
class GridLifecycleTest {
  private static final Duration CLEAN_WITHIN = Duration.ofSeconds(15);

  @ParameterizedTest(name = "{0}")
  @CsvSource({"CLOSE", "KILL", "KILL_WITH_WATCHDOG"})
  void aJvmThatEndsLeavesNoGrid(String how, @TempDir Path tmp) throws Exception {
    try (ChildJvm child = ChildJvm.start(HoldGrid.class, tmp)) {
      child.awaitReady(Duration.ofSeconds(180));
      Set<ProcessHandle> running = child.processes(Set.of());
      assertThat(running.stream().filter(p -> commandLine(p).contains("\0org.openqa.selenium.grid.Main\0")))
          .as("the child's hub and nodes" + ChildJvm.describe(running)).hasSize(3);
      Set<Long> groups = running.stream().map(p -> ProcFs.group(p.pid())).collect(Collectors.toCollection(HashSet::new));

      switch (how) {
        case "CLOSE" -> child.tell("close");
        case "KILL" -> child.signal("KILL", false);
        default -> {
          running.stream().filter(ChildJvm::isWatchdog).forEach(ProcessHandle::destroyForcibly);
          child.signal("KILL", false);
        }
      }
      child.awaitExit(Duration.ofSeconds(30));
      if (how.equals("KILL_WITH_WATCHDOG")) {
        assertThat(child.processes(groups)).as("the Grid, with nobody left to end it").isNotEmpty();
        assertThat(LocalGrid.removeLeftovers()).as("processes removeLeftovers ended").isPositive();
      }

      await("the child's Grid to go").atMost(CLEAN_WITHIN).untilAsserted(() ->
          assertThat(child.processes(groups)).as("processes left by the child" + ChildJvm.describe(child.processes(groups))).isEmpty());
    }
  }

  /** The process's arguments, each followed by a NUL ({@code ProcessHandle.Info} leaves long ones out). */
  private static String commandLine(ProcessHandle p) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Run in a child JVM: starts a Grid, prints READY, then closes it when a line arrives on its input. */
  public static final class HoldGrid {
    public static void main(String[] args) throws Exception {
      LocalGrid grid = LocalGrid.start(CallflowConfig.fromEnvironment().drivers());
      System.out.println("READY");
      System.out.flush();
      System.in.read(); // until told to close, or killed
      grid.close();
    }
  }
}
