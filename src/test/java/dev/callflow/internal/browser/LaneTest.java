package dev.callflow.internal.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.callflow.browser.BrowserGoneException;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.browser.BrowserType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lane alone, without a browser: order, re-entry, failures, and its end. */
@Timeout(10)
class LaneTest {
  private static final BrowserInfo CHROME = new BrowserInfo(BrowserType.CHROME, "chrome", "156", "156");
  private final Lane lane = new Lane("test");
  /** Holds the lane's thread in its first call until the test lets go. */
  private final CountDownLatch letGo = new CountDownLatch(1);
  /** The callers' threads, one each. */
  private final ExecutorService callers = Executors.newCachedThreadPool();

  @AfterEach
  void end() {
    letGo.countDown();
    lane.end(IllegalStateException::new);
    callers.shutdownNow();
  }

  @Test
  void runsCallsOneAtATimeInOrderOfArrivalOnADaemonThreadNamedAfterTheBrowser() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CompletableFuture<Thread> first = occupy();
    List<CompletableFuture<String>> later = List.of(queue("b", ran), queue("c", ran), queue("d", ran));

    assertThat(ran).isEmpty();
    letGo.countDown();
    for (CompletableFuture<String> call : later) {
      call.get(5, TimeUnit.SECONDS);
    }

    assertThat(ran).containsExactly("b", "c", "d");
    assertThat(first.get().getName()).matches("callflow-lane-test-\\d+");
    assertThat(first.get().isDaemon()).isTrue();
  }

  @Test
  void aCallMadeFromInsideTheLaneRunsInline() {
    int answer = lane.run("outer", () -> lane.run("inner", () -> 42));

    assertThat(answer).isEqualTo(42);
  }

  @Test
  void theCallerGetsWhatTheCallThrew() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad");

    assertThatThrownBy(() -> lane.run("getStats", () -> {
      throw thrown;
    })).isSameAs(thrown);
    // Thrown on the lane's thread, it also says where the caller asked.
    assertThat(thrown.getSuppressed()).singleElement().satisfies(asked -> {
      assertThat(asked).hasMessage("getStats was asked for here, on " + Thread.currentThread().getName());
      assertThat(asked.getStackTrace()).anyMatch(f -> f.getMethodName().equals("theCallerGetsWhatTheCallThrew"));
    });
    assertThat(lane.run("next", () -> "still serving")).isEqualTo("still serving");
  }

  @Test
  void endingTheLaneFailsTheRunningCallerTheQueuedAndLaterOnesAtOnce() throws Exception {
    CompletableFuture<Thread> running = occupy();
    CompletableFuture<String> queued = queue("getStats", new CopyOnWriteArrayList<>());

    lane.end(operation -> new IllegalStateException(operation + " failed: the session was closed"));

    assertThat(failureOf(running)).hasMessage("first failed: the session was closed");
    assertThat(failureOf(queued)).hasMessage("getStats failed: the session was closed");
    assertThatThrownBy(() -> lane.run("addIceCandidate", () -> "never"))
        .hasMessage("addIceCandidate failed: the session was closed");
  }

  @Test
  void aBrowserThatEndedFailsQueuedCallsWithBrowserGoneNamingEachOperation() throws Exception {
    occupy();
    CompletableFuture<String> stats = queue("getStats", new CopyOnWriteArrayList<>());
    CompletableFuture<String> candidate = queue("addIceCandidate", new CopyOnWriteArrayList<>());

    lane.end(operation -> new BrowserGoneException("alice", CHROME, operation, "its browser process 123 ended: killed or crashed", null));

    assertThat(failureOf(stats)).isInstanceOf(BrowserGoneException.class)
        .hasMessage("alice: getStats failed: chrome 156 (driver 156) is gone (its browser process 123 ended: killed or crashed)");
    assertThat(failureOf(candidate)).isInstanceOf(BrowserGoneException.class)
        .hasMessageStartingWith("alice: addIceCandidate failed: chrome 156 (driver 156) is gone");
  }

  @Test
  void aCallerInterruptedWhileItsCallWaitsGivesUpAndTheCallNeverRuns() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    occupy();
    CompletableFuture<Throwable> failure = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        lane.run("getStats", () -> ran.add("getStats"));
      } catch (RuntimeException e) {
        failure.complete(Thread.currentThread().isInterrupted() ? e : new AssertionError("the interrupt was swallowed", e));
      }
    });
    caller.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> lane.waiting() == 1);

    caller.interrupt();

    assertThat(failure.get(5, TimeUnit.SECONDS)).hasMessage("Interrupted while waiting for the browser to run getStats");
    letGo.countDown();
    assertThat(lane.run("next", () -> "served")).isEqualTo("served");
    assertThat(ran).isEmpty();
  }

  /** A first call, from another thread, that holds the lane until {@link #letGo}; gives the lane's thread. */
  private CompletableFuture<Thread> occupy() {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<Thread> call = CompletableFuture.supplyAsync(() -> lane.run("first", () -> {
      started.countDown();
      awaitQuietly(letGo);
      return Thread.currentThread();
    }), callers);
    awaitQuietly(started);
    return call;
  }

  /** A call from another thread, returned once it waits in the lane; it adds its name to {@code ran}. */
  private CompletableFuture<String> queue(String name, List<String> ran) {
    int before = lane.waiting();
    CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> lane.run(name, () -> {
      ran.add(name);
      return name;
    }), callers);
    await().atMost(Duration.ofSeconds(5)).until(() -> lane.waiting() == before + 1);
    return call;
  }

  private static Throwable failureOf(CompletableFuture<?> call) throws InterruptedException {
    try {
      call.get(1, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the call still waits: it should have failed at once");
    }
    throw new AssertionError("the call succeeded: it should have failed");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
