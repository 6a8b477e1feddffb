package dev.callflow.failure;

import org.opentest4j.AssertionFailedError;

/**
 * A wait ran out, or ended early on a terminal state. The message says what was awaited, for how
 * long, the last state seen, and the timeline so far.
 */
public final class CallflowTimeoutError extends AssertionFailedError {
  public CallflowTimeoutError(String message) {
    super(message);
  }
}
