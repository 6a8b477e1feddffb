package dev.callflow.peer;

import dev.callflow.failure.CallflowException;

/**
 * A browser API rejected an operation with a DOMException (or an OverconstrainedError). Carries the
 * exception's name, e.g. {@code NotAllowedError}, and the browser's own message.
 */
public final class DomException extends CallflowException {
  private final String peer;
  private final String operation;
  private final String name;
  private final String domMessage;
  private final String constraint;

  public DomException(String peer, String operation, String name, String domMessage, String constraint) {
    super(peer + ": " + operation + " failed with " + name + ": " + (domMessage.isEmpty() ? "(no message)" : domMessage)
        + (constraint == null || constraint.isEmpty() ? "" : " (constraint: " + constraint + ")"));
    this.peer = peer;
    this.operation = operation;
    this.name = name;
    this.domMessage = domMessage;
    this.constraint = constraint;
  }

  /** The DOMException name, e.g. {@code NotAllowedError}, {@code OverconstrainedError}, {@code InvalidAccessError}. */
  public String name() {
    return name;
  }

  /** The browser's message, as the page saw it. */
  public String domMessage() {
    return domMessage;
  }

  /** For an OverconstrainedError, the constraint that could not be met; otherwise null. */
  public String constraint() {
    return constraint;
  }

  /** The operation that failed, e.g. {@code getUserMedia} or {@code setRemoteDescription}. */
  public String operation() {
    return operation;
  }

  public String peer() {
    return peer;
  }
}
