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
import org.junit.jupiter.api.Test;

/** The pool's hand-out, replacement and launch bound, over stand-in browsers: no browser starts. */
class BrowserPoolTest {
  private static final BrowserSpec CHROME = BrowserSpec.of(BrowserType.CHROME);
  private static final BrowserSpec FIREFOX = BrowserSpec.of(BrowserType.FIREFOX);

  /** A browser that is only a spec and a few flags. */
  private static final class StandIn implements PooledBrowser {
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
    return new BrowserPool<>(parallel, spec -> {
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
}
