package dev.callflow.peer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The way a call's signals go: through the test's hooks, in the order they were added. Each hook sees
 * what the one before it let through; a drop ends the way, delays add up. Every signal leaves a line
 * ({@code OFFER alice→bob rewrite, delay 200ms}) for {@link Call#signals()}.
 */
final class SignalPath {
  /** What reaches the other side: the text, or null if a hook dropped it, and after how long. */
  record Outcome(String text, Duration delay) {}

  private final List<SignalHook> hooks;
  private final List<String> lines = new CopyOnWriteArrayList<>();

  SignalPath(List<SignalHook> hooks) {
    this.hooks = List.copyOf(hooks);
  }

  /**
   * Runs the hooks on a signal. A hook that throws ends the signal's way: the exception is the caller's,
   * and the line says so.
   */
  Outcome pass(Signal signal) {
    Signal current = signal;
    Duration delay = Duration.ZERO;
    List<String> actions = new ArrayList<>();
    try {
      for (SignalHook hook : hooks) {
        SignalAction action = hook.apply(current);
        actions.add(action.toString());
        if (action.dropped()) {
          lines.add(signal + " " + String.join(", ", actions));
          return new Outcome(null, delay);
        }
        current = current.withText(action.textFor(current));
        delay = delay.plus(action.delay());
      }
    } catch (RuntimeException | AssertionError e) {
      lines.add(signal + " hook failed: " + e);
      throw e;
    }
    lines.add(signal + " " + (actions.isEmpty() ? "forward" : String.join(", ", actions)));
    return new Outcome(current.text(), delay);
  }

  /** One line per signal so far, in order. */
  List<String> lines() {
    return List.copyOf(lines);
  }
}
