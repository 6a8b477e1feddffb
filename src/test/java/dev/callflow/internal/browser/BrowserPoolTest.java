package dev.callflow.internal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import dev.callflow.failure.CallflowException;
import org.junit.jupiter.api.Test;

/** The pool's hand-out, replacement and launch bound, over stand-in browsers: no browser starts. */
class BrowserPoolTest {
  private static final BrowserSpec CHROME = BrowserSpec.of(BrowserType.CHROME);
  private static final BrowserSpec FIREFOX = BrowserSpec.of(BrowserType.FIREFOX);

  /** A browser that is only a spec and a few flags. */
  private static class StandIn implements PooledBrowser {
    private final BrowserSpec spec;
    volatile boolean running = true;
    volatile boolean closed;
    final AtomicInteger resets = new AtomicInteger();

    StandIn(BrowserSpec spec) {
      this.spec = spec;
    }

    @Override
    public BrowserSpec spec() {
      return spec;
    }

    @Override
    public boolean isRunning() {
      return running && !closed;
    }

    @Override
    public void detach() {}

    @Override
    public void reset() {
      resets.incrementAndGet();
    }

    @Override
    public void close() {
      closed = true;
    }

    @Override
    public void terminate() {
      closed = true;
    }
  }

  private final List<StandIn> launched = new CopyOnWriteArrayList<>();

  private BrowserPool<StandIn> pool(int parallel) {
    return pool(parallel, spec -> new StandIn(spec));
  }

  private BrowserPool<StandIn> pool(int parallel, Function<BrowserSpec, StandIn> launch) {
    return pool(parallel, Integer.MAX_VALUE, Integer.MAX_VALUE, launch);
  }

  private BrowserPool<StandIn> pool(int parallel, int inUse, int running, Function<BrowserSpec, StandIn> launch) {
    return new BrowserPool<>(parallel, inUse, running, spec -> {
      StandIn browser = launch.apply(spec);
      launched.add(browser);
      return browser;
    });
  }

  @Test
  void aReleasedBrowserIsHandedOutAgainForAnEqualSpec() {
    try (BrowserPool<StandIn> pool = pool(2)) {
      StandIn first = pool.acquireAll(List.of(CHROME)).get(0);
      pool.release(first);

      assertThat(pool.acquireAll(List.of(CHROME))).containsExactly(first);
      assertThat(first.resets).hasValue(1);
      StandIn other = pool.acquireAll(List.of(FIREFOX)).get(0);
      assertThat(other).isNotSameAs(first);
      assertThat(launched).containsExactly(first, other);
      pool.release(other);
    }
    assertThat(launched).allMatch(b -> b.closed);
  }

  @Test
  void aBrowserThatEndedIsReplacedAndClosed() {
    try (BrowserPool<StandIn> pool = pool(2)) {
      StandIn diedWhileIdle = pool.acquireAll(List.of(CHROME)).get(0);
      pool.release(diedWhileIdle);
      diedWhileIdle.running = false;

      StandIn second = pool.acquireAll(List.of(CHROME)).get(0);
      assertThat(second).isNotSameAs(diedWhileIdle);
      assertThat(diedWhileIdle.closed).isTrue();

      second.running = false;
      pool.release(second);
      assertThat(second.closed).isTrue();
      assertThat(second.resets).hasValue(0);
      StandIn third = pool.acquireAll(List.of(CHROME)).get(0);
      assertThat(third).isNotIn(diedWhileIdle, second);
      assertThat(launched).containsExactly(diedWhileIdle, second, third);
    }
  }

  @Test
  void noMoreBrowsersStartAtOnceThanConfigured() throws Exception {
    AtomicInteger starting = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Semaphore entered = new Semaphore(0);
    Semaphore finish = new Semaphore(0);
    try (BrowserPool<StandIn> pool = pool(2, spec -> {
      most.accumulateAndGet(starting.incrementAndGet(), Math::max);
      entered.release();
      try {
        finish.acquire();
        return new StandIn(spec);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        starting.decrementAndGet();
      }
    })) {
      CompletableFuture<List<StandIn>> acquired = CompletableFuture.supplyAsync(() -> pool.acquireAll(List.of(CHROME, CHROME, FIREFOX)));

      assertThat(entered.tryAcquire(2, 10, TimeUnit.SECONDS)).as("two launches started").isTrue();
      finish.release();  // one launch ends, which lets the third start
      assertThat(entered.tryAcquire(1, 10, TimeUnit.SECONDS)).as("the third launch started").isTrue();
      finish.release(2);

      assertThat(acquired.get(10, TimeUnit.SECONDS)).hasSize(3).doesNotHaveDuplicates();
      assertThat(most).as("launches at once").hasValue(2);
    }
  }

  /** Acquires on a thread of its own, as a parallel test would: the pool tells requests apart by their thread. */
  private static CompletableFuture<List<StandIn>> acquireOnAThread(BrowserPool<StandIn> pool, BrowserSpec... specs) {
    CompletableFuture<List<StandIn>> acquired = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        acquired.complete(pool.acquireAll(List.of(specs)));
      } catch (Throwable e) {
        acquired.completeExceptionally(e);
      }
    }, "test-acquirer");
    thread.setDaemon(true);
    thread.start();
    return acquired;
  }

  /** Waits until the request is waiting in the pool: until the thread that made it waits. */
  private static void awaitWaiting(CompletableFuture<?> request) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // The request's thread is found by name; it waits in Object.wait, which nothing here can be told about.
    while (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-acquirer") && t.getState() == Thread.State.TIMED_WAITING)) {
      assertThat(request).as("the request waits for room").isNotDone();
      assertThat(System.nanoTime()).as("the request's thread waits within 10 s").isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  @Test
  void aRequestThatDoesNotFitWaitsForReleasedBrowsersAndGetsThemWhole() throws Exception {
    try (BrowserPool<StandIn> pool = pool(2, 2, 4, StandIn::new)) {
      List<StandIn> first = pool.acquireAll(List.of(CHROME, CHROME));
      CompletableFuture<List<StandIn>> second = acquireOnAThread(pool, CHROME, CHROME);
      awaitWaiting(second);
      assertThat(pool.running()).as("no browser starts beyond the bound").isEqualTo(2);

      pool.release(first.get(0));
      awaitWaiting(second); // one free is not enough for two: still waiting, not half served
      assertThat(launched).hasSize(2);
      pool.release(first.get(1));

      assertThat(second.get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(first);
      assertThat(launched).as("both warm browsers reused, none launched").hasSize(2);
      second.get().forEach(pool::release);
    }
  }

  @Test
  void warmBrowsersStayBesideThoseInUseUpToTheMostRunningThenTheOldestClose() {
    try (BrowserPool<StandIn> pool = pool(2, 2, 3, StandIn::new)) {
      List<StandIn> chromes = pool.acquireAll(List.of(CHROME, CHROME));
      chromes.forEach(pool::release);

      List<StandIn> firefoxes = pool.acquireAll(List.of(FIREFOX, FIREFOX));
      assertThat(pool.running()).as("two Firefox in use, one Chrome kept warm").isEqualTo(3);
      assertThat(chromes).filteredOn(b -> b.closed).hasSize(1);
      firefoxes.forEach(pool::release);

      StandIn chrome = pool.acquireAll(List.of(CHROME)).get(0);
      assertThat(chrome).as("the warm Chrome, not a new one").isIn(chromes);
      assertThat(launched).hasSize(4);
      pool.release(chrome);
    }
  }

  @Test
  void aThreadThatHoldsBrowsersIsNeverMadeToWaitForItself() {
    try (BrowserPool<StandIn> pool = pool(2, 2, 4, StandIn::new)) {
      List<StandIn> held = pool.acquireAll(List.of(CHROME, CHROME));
      // The bound is reached; waiting here would wait for this thread's own release.
      StandIn third = pool.acquireAll(List.of(FIREFOX)).get(0);
      assertThat(pool.running()).isEqualTo(3);
      pool.release(third);
      held.forEach(pool::release);
    }
  }

  @Test
  void aRequestForMoreThanTheBoundRunsAloneInsteadOfNever() throws Exception {
    try (BrowserPool<StandIn> pool = pool(2, 2, 4, StandIn::new)) {
      StandIn other = pool.acquireAll(List.of(CHROME)).get(0);
      CompletableFuture<List<StandIn>> mesh = acquireOnAThread(pool, CHROME, CHROME, CHROME);
      awaitWaiting(mesh);
      pool.release(other);
      assertThat(mesh.get(10, TimeUnit.SECONDS)).hasSize(3).doesNotHaveDuplicates();
    }
  }

  @Test
  void aWaitingRequestThatIsInterruptedSaysWhoHoldsTheBrowsers() throws Exception {
    try (BrowserPool<StandIn> pool = pool(2, 2, 2, StandIn::new)) {
      pool.acquireAll(List.of(CHROME, FIREFOX));
      CompletableFuture<List<StandIn>> waiting = acquireOnAThread(pool, CHROME);
      awaitWaiting(waiting);
      Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("test-acquirer")).forEach(Thread::interrupt);
      assertThat(waiting).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingCause()
          .isInstanceOf(CallflowException.class)
          .withMessage("Interrupted while waiting for room for 1 browser(s): 2 of at most 2 in use, held by "
              + Thread.currentThread().getName() + " (2)");
    }
  }

  @Test
  void closingThePoolFailsTheWaitingRequestsAtOnce() throws Exception {
    CompletableFuture<List<StandIn>> waiting;
    try (BrowserPool<StandIn> pool = pool(2, 1, 1, StandIn::new)) {
      pool.acquireAll(List.of(CHROME));
      waiting = acquireOnAThread(pool, FIREFOX);
      awaitWaiting(waiting);
    }
    assertThat(waiting).failsWithin(10, TimeUnit.SECONDS).withThrowableThat().havingCause()
        .isInstanceOf(IllegalStateException.class).withMessageContaining("closed while a test waited for 1 browser");
  }

  @Test
  void aFailedLaunchGivesItsRoomBack() {
    try (BrowserPool<StandIn> pool = pool(2, 2, 2, spec -> {
      if (spec.equals(FIREFOX)) {
        throw new IllegalStateException("no firefox here");
      }
      return new StandIn(spec);
    })) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.acquireAll(List.of(CHROME, FIREFOX))).hasMessage("no firefox here");
      assertThat(pool.running()).as("the Chrome it started is warm").isEqualTo(1);
      // If the failed launch or the released Chrome still counted, this would wait forever on another thread.
      assertThat(acquireOnAThread(pool, CHROME, CHROME)).succeedsWithin(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void closingThePoolEndsEveryBrowserAtOnce() {
    int browsers = 6;
    java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(browsers);
    AtomicInteger closedTogether = new AtomicInteger();
    BrowserPool<StandIn> pool = pool(2, spec -> new StandIn(spec) {
      @Override
      public void close() {
        // Each close waits for all the others to have begun: ended a few at a time, they would not.
        closing.countDown();
        try {
          if (closing.await(10, TimeUnit.SECONDS)) {
            closedTogether.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        super.close();
      }
    });
    List<StandIn> all = pool.acquireAll(java.util.Collections.nCopies(browsers, CHROME));
    all.forEach(pool::release);
    pool.close();
    assertThat(closedTogether).hasValue(browsers);
    assertThat(all).allMatch(b -> b.closed);
  }
}
