package dev.callflow.peer;

import dev.callflow.failure.CallflowTimeoutError;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * Waits on the in-JVM event log, which the browsers fill by pushing events: a condition here reads
 * memory, never the browser. A terminal condition (for example ICE {@code failed}) ends the wait at once.
 */
public final class Waits {
  private static final Duration CHECK_EVERY = Duration.ofMillis(5);

  private Waits() {}

  /**
   * Waits until {@code done} holds.
   *
   * @param what what is awaited, e.g. "alice→bob should reach 'connected'"
   * @param terminal returns a reason to stop at once, or null to keep waiting
   * @param lastSeen the state to report if the wait fails
   * @param timeline the timeline to report if the wait fails
   */
  public static void until(String what, Duration timeout, BooleanSupplier done, Supplier<String> terminal,
      Supplier<String> lastSeen, Supplier<Timeline> timeline) {
    until(what, timeout, CHECK_EVERY, done, terminal, lastSeen, timeline);
  }

  /** As {@link #until}, for a condition that asks the browser (getStats): checked every {@code every}. */
  public static void until(String what, Duration timeout, Duration every, BooleanSupplier done, Supplier<String> terminal,
      Supplier<String> lastSeen, Supplier<Timeline> timeline) {
    long started = System.nanoTime();
    try {
      Awaitility.await(what).atMost(timeout).dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).pollInterval(every)
          .failFast(what, () -> terminal.get() != null)
          .until(done::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw failure(what + " within " + format(timeout), lastSeen, timeline);
    } catch (TerminalFailureException e) {
      throw failure(what + ", but " + terminal.get() + " after " + format(Duration.ofNanos(System.nanoTime() - started)),
          lastSeen, timeline);
    }
  }

  private static CallflowTimeoutError failure(String headline, Supplier<String> lastSeen, Supplier<Timeline> timeline) {
    return new CallflowTimeoutError(headline + "\nLast seen: " + lastSeen.get()
        + "\nTimeline (last 40 events):\n" + timeline.get().render(40));
  }

  /** {@code 5s}, or {@code 1.50s} for a duration that is not whole seconds. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(java.util.Locale.ROOT, "%.2fs", ms / 1000.0);
  }
}
