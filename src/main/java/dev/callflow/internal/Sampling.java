package dev.callflow.internal;

import java.time.Duration;

/**
 * Paces work that has to ask the browser (getStats, a video frame): everything else in Callflow waits
 * on pushed events, but a sample can only be taken. Each round takes a sample; the pause between rounds
 * is the sampling interval.
 */
public final class Sampling {
  /** Room for a slow browser to answer its last samples before the sampling counts as stuck. */
  private static final Duration SLACK = Duration.ofSeconds(30);

  private Sampling() {}

  /** Runs {@code action} now and every {@code every} until {@code total} has passed, the last time at its end. */
  public static void every(Duration every, Duration total, Runnable action) {
    long end = System.nanoTime() + total.toNanos();
    Wait.until("samples every " + Wait.format(every) + " for " + Wait.format(total) + " should be taken")
        .atMost(total.plus(every).plus(SLACK)).every(every)
        .await(() -> {
          action.run();
          return System.nanoTime() >= end;
        });
  }
}
