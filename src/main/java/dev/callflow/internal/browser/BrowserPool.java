package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserSpec;
import dev.callflow.internal.OnShutdown;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.openqa.selenium.WebDriverException;

/**
 * Keeps browsers warm between tests: a released browser goes back to the pool, blank and detached,
 * and the next peer with an equal spec gets it without a new launch; a browser that ended (killed,
 * crashed) is never handed out again. Launches run in parallel, at most as many at once as the pool
 * was told. If the JVM shuts down (SIGTERM, Ctrl-C, SIGHUP) while the pool is open, its browsers are
 * ended at once.
 *
 * @param <B> the browsers it holds
 */
public final class BrowserPool<B extends PooledBrowser> implements AutoCloseable {
  private final Map<BrowserSpec, Deque<B>> idle = new HashMap<>();
  private final List<B> all = new ArrayList<>();
  private final Function<BrowserSpec, B> launch;
  private final ExecutorService launcher;
  private final OnShutdown.Registration onShutdown;
  private boolean closed;

  /**
   * @param parallelLaunches how many browsers may start at once, 1 or more
   * @param launch starts a browser for a spec; the pool owns what it returns
   */
  public BrowserPool(int parallelLaunches, Function<BrowserSpec, B> launch) {
    this.launch = launch;
    this.launcher = Executors.newFixedThreadPool(parallelLaunches, r -> {
      Thread t = new Thread(r, "callflow-launch");
      t.setDaemon(true);
      return t;
    });
    this.onShutdown = OnShutdown.run(this::terminate);
  }

  /** Browsers for these specs, in order: warm ones first, the rest launched in parallel. */
  public List<B> acquireAll(List<BrowserSpec> specs) {
    List<CompletableFuture<B>> futures = new ArrayList<>();
    for (BrowserSpec spec : specs) {
      B warm = takeIdle(spec);
      futures.add(warm != null ? CompletableFuture.completedFuture(warm)
          : CompletableFuture.supplyAsync(() -> register(launch.apply(spec)), launcher));
    }
    List<B> sessions = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<B> f : futures) {
      try {
        sessions.add(f.join());
      } catch (CompletionException e) {
        RuntimeException cause = e.getCause() instanceof RuntimeException r ? r : e;
        if (failure == null) {
          failure = cause;
        } else {
          failure.addSuppressed(cause);
        }
      }
    }
    if (failure != null) {
      sessions.forEach(this::release);
      throw failure;
    }
    return sessions;
  }

  /** Returns a browser: its extra tabs closed, blanked and kept warm if it still works, closed otherwise. */
  public void release(B session) {
    session.detach();
    boolean reusable = session.isRunning();
    try {
      if (reusable) {
        session.reset();
      }
    } catch (WebDriverException e) {
      reusable = false;
    }
    synchronized (this) {
      if (reusable && !closed) {
        idle.computeIfAbsent(session.spec(), s -> new ArrayDeque<>()).push(session);
        return;
      }
      all.remove(session);
    }
    session.close();
  }

  /** A warm browser for this spec, if one still runs; those that ended while idle are closed. */
  private B takeIdle(BrowserSpec spec) {
    while (true) {
      B session;
      synchronized (this) {
        Deque<B> queue = idle.get(spec);
        session = queue == null ? null : queue.poll();
        if (session == null || session.isRunning()) {
          return session;
        }
        all.remove(session);
      }
      session.close();
    }
  }

  private B register(B session) {
    synchronized (this) {
      if (!closed) {
        all.add(session);
        return session;
      }
    }
    session.close();
    throw new IllegalStateException("The browser pool was closed while " + session + " started");
  }

  @Override
  public void close() {
    onShutdown.close();
    takeAll().parallelStream().forEach(PooledBrowser::close);
  }

  /** Ends every browser at once, without the drivers' goodbyes: the JVM is shutting down. */
  private void terminate() {
    takeAll().parallelStream().forEach(PooledBrowser::terminate);
  }

  private List<B> takeAll() {
    List<B> sessions;
    synchronized (this) {
      closed = true;
      sessions = new ArrayList<>(all);
      all.clear();
      idle.clear();
    }
    launcher.shutdownNow();
    return sessions;
  }
}
