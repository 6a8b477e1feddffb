package dev.callflow.internal;

import dev.callflow.failure.CallflowException;
import dev.callflow.failure.CallflowTimeoutError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Callflow's one way to wait: every {@code await…} method and every waiting assertion is a {@code Wait}.
 * A wait is an immutable specification, built fluently, then run on a condition:
 *
 * <pre>{@code
 * Wait.until("Call alice→bob should reach 'connected'").atMost(ofSeconds(5))
 *     .wakingOn(events).failFastOn(this::terminalReason).lastSeen(this::states).timeline(timeline::render)
 *     .await(() -> bothConnected());
 * }</pre>
 *
 * <p>The condition is checked at once, then each time a {@linkplain #wakingOn wake-up source} reports a
 * change (an event arrived), and at the latest every {@linkplain #every poll interval}: a few tens of ms of
 * in-memory reads for event conditions, a slower pace for conditions that ask the browser (getStats). A
 * {@linkplain #failFastOn fail-fast reason} (ICE {@code failed}, the connection closed) ends the wait at once.
 * A condition that throws ends the wait with its exception, unless a fail-fast reason explains it better.
 *
 * <p>When the time is up the condition is checked once more, after the evidence below is read: a wait never
 * fails showing a state that meets it. A wait that ends unmet explains itself the same way everywhere: what was
 * awaited and for how long (or what stopped it, and when), what went wrong on the way ({@linkplain #causes
 * page errors}), the last state seen, and the last {@value #TIMELINE_EVENTS} events.
 */
public final class Wait {
  /** How many events of the timeline a failure shows. */
  public static final int TIMELINE_EVENTS = 40;
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /**
   * Without a wake-up source this is the pace of the checks; with one it is a safety net, for an event
   * already in the log whose delivery to listeners is held up (a slow listener, a closed peer).
   */
  private static final Duration DEFAULT_EVERY = Duration.ofMillis(50);

  /** Something that can tell a wait that what its condition reads may have changed. */
  @FunctionalInterface
  public interface Wakeup {
    /** Calls {@code onChange} on each change from now on, until the returned handle is closed. */
    AutoCloseable subscribe(Runnable onChange);
  }

  private final String what;
  private final Duration timeout;
  private final Duration every;
  private final Supplier<String> failFast;
  private final Supplier<String> causes;
  private final Supplier<String> lastSeen;
  private final IntFunction<String> timeline;
  private final List<Wakeup> wakeups;

  private Wait(String what, Duration timeout, Duration every, Supplier<String> failFast, Supplier<String> causes,
      Supplier<String> lastSeen, IntFunction<String> timeline, List<Wakeup> wakeups) {
    this.what = what;
    this.timeout = timeout;
    this.every = every;
    this.failFast = failFast;
    this.causes = causes;
    this.lastSeen = lastSeen;
    this.timeline = timeline;
    this.wakeups = wakeups;
  }

  /**
   * A wait for what {@code what} says, e.g. {@code "Call alice→bob should reach 'connected'"}; by default at
   * most 10 s, checked every 50 ms, never stopped early, with nothing to show but the headline.
   */
  public static Wait until(String what) {
    return new Wait(what, DEFAULT_TIMEOUT, DEFAULT_EVERY, () -> null, () -> "", () -> "(not recorded)", n -> "", List.of());
  }

  /** The longest this wait lasts. */
  public Wait atMost(Duration limit) {
    if (limit.isNegative()) {
      throw new IllegalArgumentException("a wait cannot last " + limit);
    }
    return new Wait(what, limit, every, failFast, causes, lastSeen, timeline, wakeups);
  }

  /** The longest gap between two checks: the pace of a condition that asks the browser. */
  public Wait every(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("checks need an interval above zero, not " + interval);
    }
    return new Wait(what, timeout, interval, failFast, causes, lastSeen, timeline, wakeups);
  }

  /** Also checks each time this source reports a change, instead of waiting for the next interval. */
  public Wait wakingOn(Wakeup source) {
    List<Wakeup> all = new ArrayList<>(wakeups);
    all.add(source);
    return new Wait(what, timeout, every, failFast, causes, lastSeen, timeline, List.copyOf(all));
  }

  /** Stops the wait at once when {@code reason} returns text (why the condition cannot hold any more); null keeps waiting. */
  public Wait failFastOn(Supplier<String> reason) {
    return new Wait(what, timeout, every, reason, causes, lastSeen, timeline, wakeups);
  }

  /**
   * What went wrong while the wait ran, read when it ends unmet, e.g. {@code Page errors: alice/pc1 error
   * setRemoteDescription NotSupportedError: ...}: shown first, before the last state seen; empty when nothing did.
   */
  public Wait causes(Supplier<String> found) {
    return new Wait(what, timeout, every, failFast, found, lastSeen, timeline, wakeups);
  }

  /** The state to show when the wait ends unmet, read at that moment. */
  public Wait lastSeen(Supplier<String> state) {
    return new Wait(what, timeout, every, failFast, causes, state, timeline, wakeups);
  }

  /** The last events, rendered, to show when the wait ends unmet; given how many to show. */
  public Wait timeline(IntFunction<String> lastEvents) {
    return new Wait(what, timeout, every, failFast, causes, lastSeen, lastEvents, wakeups);
  }

  /**
   * Waits until {@code done} holds.
   *
   * @throws CallflowTimeoutError if the time ran out or a fail-fast reason stopped the wait
   * @throws CallflowException if the thread was interrupted (its interrupt flag stays set)
   */
  public void await(BooleanSupplier done) {
    check(done).orThrow();
  }

  /**
   * Waits until {@code done} holds, the time is up or a fail-fast reason stops it, and says which: for a
   * caller that words its own failure (an assertion) around {@link Outcome#explanation()}.
   *
   * @throws CallflowException if the thread was interrupted (its interrupt flag stays set)
   */
  public Outcome check(BooleanSupplier done) {
    Semaphore changed = new Semaphore(0);
    List<AutoCloseable> subscriptions = new ArrayList<>();
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    try {
      for (Wakeup w : wakeups) {
        subscriptions.add(w.subscribe(changed::release));
      }
      while (true) {
        changed.drainPermits(); // a change from here on wakes the pause below at once
        String reason = failFast.get();
        boolean met;
        try {
          met = done.getAsBoolean();
        } catch (RuntimeException e) {
          if (reason == null) {
            throw e;
          }
          // The condition failed because the connection is gone (getStats on a closed one): the reason says more.
          return unmet(reason, started, e);
        }
        if (met) {
          return met(started);
        }
        if (reason != null) {
          return unmet(reason, started, null);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return timedOut(done, started);
        }
        changed.tryAcquire(Math.min(left, every.toNanos()), TimeUnit.NANOSECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallflowException("Interrupted while waiting: " + what, e);
    } finally {
      subscriptions.forEach(Wait::closeQuietly);
    }
  }

  /**
   * The time is up. The evidence is read first and the condition checked once more after it: what arrived
   * between the last check and the deadline counts, and a failure never shows a last state that meets it.
   */
  private Outcome timedOut(BooleanSupplier done, long started) {
    Outcome unmet = unmet(null, started, null);
    return done.getAsBoolean() ? met(started) : unmet;
  }

  private Outcome met(long started) {
    return new Outcome(this, true, null, Duration.ofNanos(System.nanoTime() - started), "", "", "", null);
  }

  private Outcome unmet(String reason, long started, RuntimeException cause) {
    return new Outcome(this, false, reason, Duration.ofNanos(System.nanoTime() - started), causes.get(), lastSeen.get(),
        timeline.apply(TIMELINE_EVENTS), cause);
  }

  private static void closeQuietly(AutoCloseable subscription) {
    try {
      subscription.close();
    } catch (Exception ignored) {
      // Forgetting a listener does not fail; if it did, the wait's result still stands.
    }
  }

  /** {@code 5s}, {@code 1.50s} for a duration that is not whole seconds, {@code 300ms} below a second. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.2fs", ms / 1000.0);
  }

  @Override
  public String toString() {
    return what + " within " + format(timeout);
  }

  /** How a wait ended, and what it saw if the condition did not hold. */
  public static final class Outcome {
    private final Wait wait;
    private final boolean met;
    private final String stoppedBecause;
    private final Duration elapsed;
    private final String causes;
    private final String lastSeen;
    private final String timeline;
    private final RuntimeException cause;

    private Outcome(Wait wait, boolean met, String stoppedBecause, Duration elapsed, String causes, String lastSeen,
        String timeline, RuntimeException cause) {
      this.wait = wait;
      this.met = met;
      this.stoppedBecause = stoppedBecause;
      this.elapsed = elapsed;
      this.causes = causes;
      this.lastSeen = lastSeen;
      this.timeline = timeline;
      this.cause = cause;
    }

    /** True if the condition held. */
    public boolean met() {
      return met;
    }

    /** True if a fail-fast reason ended the wait before its time. */
    public boolean stoppedEarly() {
      return stoppedBecause != null;
    }

    /** How long the wait lasted. */
    public Duration elapsed() {
      return elapsed;
    }

    /** The state read when the wait ended unmet; empty if it was met. */
    public String lastSeen() {
      return lastSeen;
    }

    /** What was awaited and how the wait ended: {@code … within 5s} or {@code …, but <reason> after 520ms}. */
    public String headline() {
      return stoppedEarly() ? wait.what + ", but " + stoppedBecause + " after " + format(elapsed) : wait.toString();
    }

    /**
     * What follows a failure's first line: why it stopped early (if it did), what went wrong (page errors),
     * the last state seen and the timeline. An assertion puts it under its own message.
     */
    public String explanation() {
      return (stoppedEarly() ? "Stopped early: " + stoppedBecause + " after " + format(elapsed) + "\n" : "") + evidence();
    }

    private String evidence() {
      return (causes.isEmpty() ? "" : causes.strip() + "\n") + "Last seen: " + lastSeen
          + "\nTimeline (last " + TIMELINE_EVENTS + " events):\n" + timeline;
    }

    /** The whole explanation of an unmet wait: the headline, what went wrong, the last state seen and the timeline. */
    public String message() {
      return headline() + "\n" + evidence();
    }

    /**
     * Throws the wait's failure, with {@code message} as its text, if the condition did not hold.
     *
     * @throws CallflowTimeoutError unless the condition held
     */
    public void orThrow(String message) {
      if (!met) {
        CallflowTimeoutError error = new CallflowTimeoutError(message);
        if (cause != null) {
          error.addSuppressed(cause);
        }
        throw error;
      }
    }

    /**
     * Throws the wait's failure, explained by {@link #message()}, if the condition did not hold.
     *
     * @throws CallflowTimeoutError unless the condition held
     */
    public void orThrow() {
      orThrow(met ? "" : message());
    }
  }
}
