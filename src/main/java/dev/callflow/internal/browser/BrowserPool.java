package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserGoneException;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.failure.CallflowException;
import dev.callflow.internal.OnShutdown;
import dev.callflow.internal.Together;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openqa.selenium.WebDriverException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps browsers warm between tests: a released browser goes back to the pool, blank and detached,
 * and the next peer with an equal spec gets it without a new launch; a browser that ended (killed,
 * crashed) is never handed out again. Launches run in parallel, at most as many at once as the pool
 * was told. If the JVM shuts down (SIGTERM, Ctrl-C, SIGHUP) while the pool is open, its browsers are
 * ended at once.
 *
 * <p>Tests that run in parallel share the pool, and it hands out at most {@code maxInUse} browsers at once (a
 * browser in a call keeps a core busy, one on a blank page does not): a request that would need more waits,
 * first come first served, until enough are released. A request is granted whole or not at all, so that two
 * tests never each hold half of what they need. A thread that already holds browsers never waits (it may
 * go over the bound): it would wait for itself if the others waited for it. Neither does one request for
 * more than {@code maxInUse}: it runs once nothing else holds a browser. Browsers handed out and warm ones
 * together are at most {@code maxRunning} (memory): the warm browsers released longest ago close to make room.
 *
 * @param <B> the browsers it holds
 */
public final class BrowserPool<B extends PooledBrowser> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserPool.class);
  /** How often a request that waits for room says so, naming who holds the browsers. */
  private static final Duration STILL_WAITING = Duration.ofMinutes(1);
  private final Map<BrowserSpec, Deque<B>> idle = new HashMap<>();
  /** The idle browsers, least recently released first: the first to close when room is needed. */
  private final Deque<B> idleOrder = new ArrayDeque<>();
  private final List<B> all = new ArrayList<>();
  private final int maxInUse;
  private final int maxRunning;
  /** Guarded by this: browsers handed out (or being launched for a request) and not yet released. */
  private int inUse;
  /** Guarded by this: browsers being launched. */
  private int launching;
  /** Guarded by this: who holds each browser handed out, and how many each thread holds. */
  private final Map<B, Thread> holders = new HashMap<>();
  private final Map<Thread, Integer> held = new HashMap<>();
  /** Guarded by this: the requests waiting for room, in order of arrival. */
  private final Deque<Object> queue = new ArrayDeque<>();
  private final Function<BrowserSpec, B> launch;
  private final ExecutorService launcher;
  private final OnShutdown.Registration onShutdown;
  private boolean closed;

  /**
   * A pool with no bound on the browsers running at once.
   *
   * @param parallelLaunches how many browsers may start at once, 1 or more
   * @param launch starts a browser for a spec; the pool owns what it returns
   */
  public BrowserPool(int parallelLaunches, Function<BrowserSpec, B> launch) {
    this(parallelLaunches, Integer.MAX_VALUE, Integer.MAX_VALUE, launch);
  }

  /**
   * @param parallelLaunches how many browsers may start at once, 1 or more
   * @param maxInUse how many browsers may be handed out at once, 1 or more
   * @param maxRunning how many may run at once, handed out or warm, at least {@code maxInUse}
   * @param launch starts a browser for a spec; the pool owns what it returns
   */
  public BrowserPool(int parallelLaunches, int maxInUse, int maxRunning, Function<BrowserSpec, B> launch) {
    if (parallelLaunches < 1 || maxInUse < 1 || maxRunning < maxInUse) {
      throw new IllegalArgumentException("A browser pool needs at least 1 launch at once, 1 browser in use and as many running, not "
          + parallelLaunches + ", " + maxInUse + " and " + maxRunning);
    }
    this.maxInUse = maxInUse;
    this.maxRunning = maxRunning;
    this.launch = launch;
    this.launcher = Executors.newFixedThreadPool(parallelLaunches, r -> {
      Thread t = new Thread(r, "callflow-launch");
      t.setDaemon(true);
      return t;
    });
    this.onShutdown = OnShutdown.run(this::terminate);
  }

  /**
   * {@return how many browsers fit in this machine's memory, at a few hundred MiB each: one per 512 MiB, at least 2} Warm
   * browsers wait on blank pages, using memory but no CPU.
   */
  public static int browsersInMemory() {
    long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getTotalMemorySize() : Long.MAX_VALUE;
    return (int) Math.min(Integer.MAX_VALUE, Math.max(2, memory / (512L << 20)));
  }

  /**
   * Browsers for these specs, in order: warm ones first, the rest launched in parallel. Waits, if need be,
   * until the pool has room for all of them (see the class's comment).
   *
   * @throws IllegalStateException if the pool is closed
   * @throws CallflowException if interrupted while waiting for room
   */
  public List<B> acquireAll(List<BrowserSpec> specs) {
    List<CompletableFuture<B>> futures = new ArrayList<>();
    List<B> evicted = new ArrayList<>();
    synchronized (this) {
      awaitRoom(specs.size());
      inUse += specs.size();
      for (BrowserSpec spec : specs) {
        B warm = takeIdle(spec, evicted);
        if (warm != null) {
          hold(warm);
          futures.add(CompletableFuture.completedFuture(warm));
        } else {
          futures.add(null);
          launching++;
        }
      }
      int launches = (int) futures.stream().filter(f -> f == null).count();
      if (launches > 0 && LOG.isDebugEnabled()) {
        LOG.debug("Launching {} browser(s) for {} ({} in use, {} running)", launches, specs, inUse, all.size() + launching);
      }
      // The warm browsers released longest ago make room for the launches.
      while (all.size() + launching > maxRunning && !idleOrder.isEmpty()) {
        B oldest = idleOrder.pollFirst();
        idle.get(oldest.spec()).remove(oldest);
        all.remove(oldest);
        evicted.add(oldest);
        LOG.debug("Closing the warm {} to make room", oldest.spec());
      }
      if (launches > 0) {
        Thread requester = Thread.currentThread();
        for (int i = 0; i < futures.size(); i++) {
          if (futures.get(i) == null) {
            BrowserSpec spec = specs.get(i);
            futures.set(i, CompletableFuture.supplyAsync(() -> register(launch.apply(spec), requester), launcher)
                .whenComplete((b, e) -> launched(e != null)));
          }
        }
      }
    }
    evicted.forEach(PooledBrowser::close);
    return Together.joinAll(futures, this::release);
  }

  /**
   * Waits until this request is first in line and {@code count} more browsers fit, or the caller already holds
   * some, or nothing is in use. Guarded by this.
   */
  private void awaitRoom(int count) {
    if (closed) {
      throw new IllegalStateException("The browser pool is closed");
    }
    if (held.getOrDefault(Thread.currentThread(), 0) > 0) {
      return;
    }
    Object ticket = new Object();
    queue.add(ticket);
    long start = System.nanoTime();
    long nextReport = start + STILL_WAITING.toNanos();
    try {
      while (closed || queue.peekFirst() != ticket || (inUse + count > maxInUse && inUse > 0)) {
        if (closed) {
          throw new IllegalStateException("The browser pool was closed while a test waited for " + count + " browser(s)");
        }
        long now = System.nanoTime();
        if (now >= nextReport) {
          // Tests that hold browsers for long are legitimate (a soak call), so the wait has no end; but it is never silent.
          LOG.warn("Still waiting after {} s for room for {} browser(s): {}", (now - start) / 1_000_000_000L, count, occupancy());
          nextReport = now + STILL_WAITING.toNanos();
        }
        wait(Math.max(1, (nextReport - now) / 1_000_000L));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallflowException("Interrupted while waiting for room for " + count + " browser(s): " + occupancy(), e);
    } finally {
      queue.remove(ticket);
      notifyAll(); // the next in line may fit as well
    }
  }

  /** {@return who holds the browsers in use, e.g. "2 of at most 2 in use, held by test-1 (2)"} Guarded by this. */
  private String occupancy() {
    StringBuilder text = new StringBuilder().append(inUse).append(" of at most ").append(maxInUse).append(" in use");
    if (!held.isEmpty()) {
      text.append(", held by ");
      held.forEach((thread, n) -> text.append(thread.getName()).append(" (").append(n).append("), "));
      text.setLength(text.length() - 2);
    }
    return text.append(queue.size() > 1 ? ", " + (queue.size() - 1) + " other request(s) waiting" : "").toString();
  }

  /** A launch ended: its slot is a browser now, or, if it failed, free again. */
  private synchronized void launched(boolean failed) {
    launching--;
    if (failed) {
      inUse--;
    }
    notifyAll();
  }

  /** Guarded by this: {@code browser} is handed out to the current thread. */
  private void hold(B browser) {
    hold(browser, Thread.currentThread());
  }

  private void hold(B browser, Thread holder) {
    holders.put(browser, holder);
    held.merge(holder, 1, Integer::sum);
  }

  /** Guarded by this: {@code browser} came back; false if it was not handed out (released twice, say). */
  private boolean unhold(B browser) {
    Thread holder = holders.remove(browser);
    if (holder == null) {
      return false;
    }
    held.computeIfPresent(holder, (t, n) -> n == 1 ? null : n - 1);
    inUse--;
    notifyAll();
    return true;
  }

  /**
   * Browsers of their own, started by {@code launches} in parallel (a browser in a network namespace of its own, say):
   * counted among those handed out, and waiting for room, as {@link #acquireAll} does, but never warm ones, never
   * kept warm, and not closed with the pool (their owner closes them). Give each back with {@link #discard}.
   *
   * @throws IllegalStateException if the pool is closed
   * @throws CallflowException if interrupted while waiting for room
   */
  public List<B> acquireOwn(List<java.util.function.Supplier<B>> launches) {
    Thread requester = Thread.currentThread();
    List<CompletableFuture<B>> futures = new ArrayList<>();
    synchronized (this) {
      awaitRoom(launches.size());
      inUse += launches.size();
      for (java.util.function.Supplier<B> start : launches) {
        futures.add(CompletableFuture.supplyAsync(() -> {
          B session = start.get();
          synchronized (this) {
            hold(session, requester);
          }
          return session;
        }, launcher).whenComplete((b, e) -> {
          if (e != null) {
            synchronized (this) {
              inUse--;
              notifyAll();
            }
          }
        }));
      }
    }
    return Together.joinAll(futures, this::discard);
  }

  /** Gives back a browser of {@link #acquireOwn}: closes it, and makes room for others. Twice does nothing more. */
  public void discard(B session) {
    session.detach();
    synchronized (this) {
      unhold(session);
    }
    session.close();
  }

  /** Returns a browser: its extra tabs closed, blanked and kept warm if it still works, closed otherwise. */
  public void release(B session) {
    session.detach();
    boolean reusable = session.isRunning();
    try {
      if (reusable) {
        session.reset();
      }
    } catch (WebDriverException | BrowserGoneException e) {
      reusable = false;
    }
    synchronized (this) {
      unhold(session);
      if (reusable && !closed) {
        idle.computeIfAbsent(session.spec(), s -> new ArrayDeque<>()).push(session);
        idleOrder.addLast(session);
        return;
      }
      all.remove(session);
    }
    session.close();
  }

  /** Guarded by this: a warm browser for this spec, if one still runs; those that ended while idle go to {@code ended}, to be closed. */
  private B takeIdle(BrowserSpec spec, List<B> ended) {
    Deque<B> queue = idle.get(spec);
    while (queue != null && !queue.isEmpty()) {
      B session = queue.poll();
      idleOrder.remove(session);
      if (session.isRunning()) {
        return session;
      }
      all.remove(session);
      ended.add(session);
    }
    return null;
  }

  private B register(B session, Thread requester) {
    synchronized (this) {
      if (!closed) {
        all.add(session);
        hold(session, requester);
        return session;
      }
    }
    session.close();
    throw new IllegalStateException("The browser pool was closed while " + session + " started");
  }

  /** {@return how many browsers run now, handed out or warm, or are starting} */
  public synchronized int running() {
    return all.size() + launching;
  }

  @Override
  public void close() {
    onShutdown.close();
    allAtOnce(takeAll(), PooledBrowser::close, "callflow-close");
  }

  /** Ends every browser at once, without the drivers' goodbyes: the JVM is shutting down. */
  private void terminate() {
    allAtOnce(takeAll(), PooledBrowser::terminate, "callflow-terminate");
  }

  /**
   * Ends every browser at once, each on a thread of its own, and waits for them: ending one is mostly waiting (for the
   * driver, for the processes to exit). A parallel stream would end as many at a time as the common pool has threads,
   * one on a 2-core machine: eight browsers took 20 s to close.
   */
  private static <B> void allAtOnce(List<B> browsers, Consumer<B> end, String name) {
    List<RuntimeException> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (B browser : browsers) {
      Thread t = new Thread(() -> {
        try {
          end.accept(browser);
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }, name);
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!failures.isEmpty()) {
      failures.stream().skip(1).forEach(failures.get(0)::addSuppressed);
      throw failures.get(0);
    }
  }

  private List<B> takeAll() {
    List<B> sessions;
    synchronized (this) {
      closed = true;
      sessions = new ArrayList<>(all);
      all.clear();
      idle.clear();
      idleOrder.clear();
      notifyAll(); // the waiting requests fail
    }
    launcher.shutdownNow();
    return sessions;
  }
}
