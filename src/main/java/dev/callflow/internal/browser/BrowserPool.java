package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserSpec;
import dev.callflow.internal.OnShutdown;
import dev.callflow.internal.Settings;
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

/**
 * Keeps browsers warm between tests: a released browser goes back to the pool, blank and detached,
 * and the next peer with an equal spec gets it without a new launch; a browser that ended (killed,
 * crashed) is never handed out again. Launches run in parallel, at most {@code callflow.parallelLaunches}
 * at once (default: the number of cores, at least 2). If the JVM shuts down (SIGTERM, Ctrl-C, SIGHUP)
 * while the pool is open, its browsers are ended at once.
 */
public final class BrowserPool implements AutoCloseable {
  private final Map<BrowserSpec, Deque<BrowserSession>> idle = new HashMap<>();
  private final List<BrowserSession> all = new ArrayList<>();
  private final ExecutorService launcher;
  private final OnShutdown.Registration onShutdown;
  private boolean closed;

  /** @throws dev.callflow.failure.ConfigurationException if {@code callflow.parallelLaunches} is not a whole number of 1 or more */
  public BrowserPool() {
    int parallel = Settings.system().positive("callflow.parallelLaunches", Math.max(2, Runtime.getRuntime().availableProcessors()));
    this.launcher = Executors.newFixedThreadPool(parallel, r -> {
      Thread t = new Thread(r, "callflow-launch");
      t.setDaemon(true);
      return t;
    });
    this.onShutdown = OnShutdown.run(this::terminate);
  }

  /** Browsers for these specs, in order: warm ones first, the rest launched in parallel. */
  public List<BrowserSession> acquireAll(List<BrowserSpec> specs) {
    List<CompletableFuture<BrowserSession>> futures = new ArrayList<>();
    for (BrowserSpec spec : specs) {
      BrowserSession warm = takeIdle(spec);
      futures.add(warm != null ? CompletableFuture.completedFuture(warm)
          : CompletableFuture.supplyAsync(() -> register(BrowserLauncher.launch(spec)), launcher));
    }
    List<BrowserSession> sessions = new ArrayList<>();
    RuntimeException failure = null;
    for (CompletableFuture<BrowserSession> f : futures) {
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
  public void release(BrowserSession session) {
    session.detach();
    boolean reusable = session.isRunning() && session.reset();
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
  private BrowserSession takeIdle(BrowserSpec spec) {
    while (true) {
      BrowserSession session;
      synchronized (this) {
        Deque<BrowserSession> queue = idle.get(spec);
        session = queue == null ? null : queue.poll();
        if (session == null || session.isRunning()) {
          return session;
        }
        all.remove(session);
      }
      session.close();
    }
  }

  private BrowserSession register(BrowserSession session) {
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
    takeAll().parallelStream().forEach(BrowserSession::close);
  }

  /** Ends every browser at once, without the drivers' goodbyes: the JVM is shutting down. */
  private void terminate() {
    takeAll().parallelStream().forEach(BrowserSession::terminate);
  }

  private List<BrowserSession> takeAll() {
    List<BrowserSession> sessions;
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
