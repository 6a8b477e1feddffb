package dev.callflow.peer;

import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link SignalHook} does with a signal: forward it (perhaps rewritten, perhaps later) or drop it.
 */
public final class SignalAction {
  private static final SignalAction FORWARD = new SignalAction(false, null, Duration.ZERO);
  private static final SignalAction DROP = new SignalAction(true, null, Duration.ZERO);

  private final boolean drop;
  private final String replacement;
  private final Duration delay;

  private SignalAction(boolean drop, String replacement, Duration delay) {
    this.drop = drop;
    this.replacement = replacement;
    this.delay = delay;
  }

  /** {@return the action that passes the signal on unchanged, at once} */
  public static SignalAction forward() {
    return FORWARD;
  }

  /** {@return the action that drops the signal: the other peer never gets it} */
  public static SignalAction drop() {
    return DROP;
  }

  /**
   * {@return the action that passes on this text instead, at once}
   *
   * @param text the SDP, or the {@code candidate:...} line, to deliver
   * @throws NullPointerException if {@code text} is null
   */
  public static SignalAction rewrite(String text) {
    return new SignalAction(false, Objects.requireNonNull(text), Duration.ZERO);
  }

  /**
   * {@return the action that passes the signal on unchanged after this delay} Nobody blocks meanwhile:
   * delayed signals are delivered on a thread of their own.
   *
   * @param delay how long to hold the signal
   */
  public static SignalAction delay(Duration delay) {
    return new SignalAction(false, null, delay);
  }

  boolean dropped() {
    return drop;
  }

  String textFor(Signal signal) {
    return replacement != null ? replacement : signal.text();
  }

  Duration delay() {
    return delay;
  }

  @Override
  public String toString() {
    return drop ? "drop" : replacement != null ? "rewrite" : delay.isZero() ? "forward" : "delay " + delay.toMillis() + "ms";
  }
}
