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

  /** Pass the signal on unchanged. */
  public static SignalAction forward() {
    return FORWARD;
  }

  /** The other peer never gets this signal. */
  public static SignalAction drop() {
    return DROP;
  }

  /** Pass on this text instead (an SDP or a candidate line). */
  public static SignalAction rewrite(String text) {
    return new SignalAction(false, Objects.requireNonNull(text), Duration.ZERO);
  }

  /** Pass the signal on unchanged after this delay. */
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
