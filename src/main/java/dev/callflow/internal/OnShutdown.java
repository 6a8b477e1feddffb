package dev.callflow.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work to do when the JVM shuts down: at the end of {@code main}, on {@code System.exit}, and on
 * SIGTERM, SIGINT (Ctrl-C) or SIGHUP. One JVM shutdown hook runs every registered action in parallel
 * and waits for them {@link #LIMIT} at most, since whoever sent the signal may send SIGKILL soon.
 * (SIGKILL runs no hook: the {@link ProcessReaper} watchdog covers it.)
 */
public final class OnShutdown {
  /** How long the hook waits for the actions; the JVM ends after that even if one still runs. */
  public static final Duration LIMIT = Duration.ofSeconds(5);
  private static final Set<Runnable> ACTIONS = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(OnShutdown::runAll, "callflow-shutdown"));
  }

  private OnShutdown() {}

  /** Runs {@code action} when the JVM shuts down, unless the returned handle is closed first. */
  public static Registration run(Runnable action) {
    ACTIONS.add(action);
    return () -> ACTIONS.remove(action);
  }

  /** A registered action; closing it takes it back. */
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static void runAll() {
    List<Thread> threads = ACTIONS.stream().map(action -> new Thread(action, "callflow-shutdown-action")).toList();
    threads.forEach(Thread::start);
    long deadline = System.nanoTime() + LIMIT.toNanos();
    for (Thread thread : threads) {
      try {
        thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
