package dev.callflow.failure;

import org.opentest4j.AssertionFailedError;

/**
 * A wait ran out, or ended early on a terminal state. The message says what was awaited, for how
 * long (or what stopped it, and when), the last state seen, and the timeline so far.
 *
 * <p>Every wait throws it: the {@code await…} methods and the waiting assertions of
 * {@code PeerConnectionAssert} alike (the latter with the assertion's own message first). It is an
 * {@link AssertionError}, so AssertJ's soft assertions collect it like any other assertion failure.
 */
public final class CallflowTimeoutError extends AssertionFailedError {
  /**
   * A failure with this whole explanation as its message.
   *
   * @param message what was awaited, for how long or what stopped it, the last state seen and the timeline
   */
  public CallflowTimeoutError(String message) {
    super(message);
  }
}
