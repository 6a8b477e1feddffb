package dev.callflow.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.callflow.browser.BrowserType;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.Peer;
import dev.callflow.server.CallflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.openqa.selenium.By;

/**
 * A suite run with JUnit's parallel execution: its tests share the session (server and browser pool), and each
 * still gets peers, a signalling room, an evidence folder and a line in the run's report of its own; no more tests
 * hold browsers at once than {@code callflow.maxBrowsers} allows, the others wait for them.
 */
class ParallelRunTest {
  private static final Duration SOON = Duration.ofSeconds(30);

  /**
   * Run only by the test below, three at a time, with room for four browsers: two tests of two peers. Two join a
   * room of the sample app each, one calls Firefox, and two {@code @RepeatedTest} methods fail, whose invocations
   * have the same display names ({@code repetition 1 of 2}).
   */
  @CallflowTest
  static class InParallel {
    static final AtomicInteger running = new AtomicInteger();
    static final AtomicInteger most = new AtomicInteger();
    static final AtomicInteger arrivals = new AtomicInteger();
    static volatile CountDownLatch twoArrived = new CountDownLatch(2);
    static final Set<String> rooms = ConcurrentHashMap.newKeySet();

    static void reset() {
      running.set(0);
      most.set(0);
      arrivals.set(0);
      twoArrived = new CountDownLatch(2);
      rooms.clear();
    }

    /**
     * The test's body, counted while it runs. The first two to arrive wait for each other, and then until a third test
     * waits in the pool for browsers: that one must not start while they run.
     */
    private static void counted(Runnable body) throws InterruptedException {
      most.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        if (arrivals.incrementAndGet() <= 2) {
          twoArrived.countDown();
          assertThat(twoArrived.await(60, TimeUnit.SECONDS)).as("a second test runs beside this one").isTrue();
          String workers = Thread.currentThread().getName().replaceFirst("-worker-\\d+$", "-worker-");
          await("a third test waiting in the pool for browsers").atMost(Duration.ofSeconds(60)).until(() -> waitingInThePool(workers));
        }
        body.run();
      } finally {
        running.decrementAndGet();
      }
    }

    private static boolean waitingInThePool(String workers) {
      return Thread.getAllStackTraces().entrySet().stream().filter(e -> e.getKey().getName().startsWith(workers))
          .anyMatch(e -> Arrays.stream(e.getValue()).anyMatch(f -> f.getMethodName().equals("awaitRoom")));
    }

    private static void meet(CallflowServer server, Peer alice, Peer bob) {
      String room = server.signaling().openNew("meet");
      rooms.add(room);
      for (Peer p : List.of(alice, bob)) {
        p.open("/sample/room.html?room=" + room + "&name=" + p.name());
        p.driver().findElement(By.id("join")).click();
      }
      alice.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
      bob.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
      assertThat(server.signaling().members(room)).containsExactlyInAnyOrder("alice", "bob");
      assertThat(alice.connections()).hasSize(1);
    }

    @Test
    void aMeets(CallflowServer server, Peer alice, Peer bob) throws InterruptedException {
      counted(() -> meet(server, alice, bob));
    }

    @Test
    void bMeets(CallflowServer server, Peer alice, Peer bob) throws InterruptedException {
      counted(() -> meet(server, alice, bob));
    }

    @Test
    void cCallsFirefox(Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) throws InterruptedException {
      counted(() -> alice.call(bob).withDataChannel("chat").connect());
    }

    @RepeatedTest(2)
    void dFails(Peer alice, Peer bob, TestInfo test) throws InterruptedException {
      counted(() -> {
        alice.call(bob).withDataChannel("chat").connect();
        fail("dFails " + test.getDisplayName());
      });
    }

    @RepeatedTest(2)
    void eFails(Peer alice, Peer bob, TestInfo test) throws InterruptedException {
      counted(() -> {
        alice.call(bob).withDataChannel("chat").connect();
        fail("eFails " + test.getDisplayName());
      });
    }
  }

  @Test
  void testsInParallelShareTheSessionButNothingElse(@TempDir Path dir) throws Exception {
    InParallel.reset();
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(InParallel.class))
        .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
        .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
        .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
        .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "3")
        .configurationParameter("callflow.maxBrowsers", "4")
        .configurationParameter("callflow.evidenceDir", dir.toString())
        .execute().testEvents();

    events.assertStatistics(s -> s.succeeded(3).failed(4).aborted(0).skipped(0));
    assertThat(InParallel.most).as("tests with peers at once: two, the third waited for browsers").hasValue(2);
    assertThat(InParallel.rooms).as("a room each").hasSize(2);

    Map<Path, String> folders = events.failed().list().stream()
        .map(e -> (CallflowTestFailure) e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow())
        .collect(Collectors.toMap(CallflowTestFailure::evidence, f -> f.original().getMessage()));
    assertThat(folders).as("an evidence folder each").hasSize(4);
    for (Map.Entry<Path, String> folder : folders.entrySet()) {
      assertThat(folder.getKey()).startsWith(dir.toAbsolutePath());
      assertThat(Files.readString(folder.getKey().resolve("failure.txt"))).as("%s holds its own test's failure", folder.getKey())
          .contains(folder.getValue());
    }
    assertThat(folders.values()).containsExactlyInAnyOrder("dFails repetition 1 of 2", "dFails repetition 2 of 2",
        "eFails repetition 1 of 2", "eFails repetition 2 of 2");

    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html).contains("<b>3 passed, 4 failed</b>", ">aMeets[chrome→chrome]<", ">bMeets[chrome→chrome]<", ">cCallsFirefox[chrome→firefox]<");
    assertThat(html.split("<td class=\"fail\"", -1)).as("a row for every failure").hasSize(5);
    assertThat(html.split("<section class=\"test\"", -1)).as("a section for every failure").hasSize(5);
  }
}
