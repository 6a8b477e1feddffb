package dev.callflow.stats;

import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Paces work that has to ask the browser (getStats, a video frame): everything else in Callflow waits
 * on pushed events, but a sample can only be taken.
 */
public final class Sampling {
  private Sampling() {}

  /** Runs {@code action} now and every {@code every} until {@code total} has passed. */
  public static void every(Duration every, Duration total, Runnable action) {
    long end = System.nanoTime() + total.toNanos();
    Awaitility.await().dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).pollInterval(every).atMost(total.plus(every).plusSeconds(30))
        .until(() -> {
          action.run();
          return System.nanoTime() >= end;
        });
  }
}
