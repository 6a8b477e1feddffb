package dev.callflow.peer;

import dev.callflow.failure.CallflowException;

/**
 * A browser API rejected an operation with a DOMException (or an OverconstrainedError). Carries the
 * exception's name, e.g. {@code NotAllowedError}, and the browser's own message.
 */
public final class DomException extends CallflowException {
  /** The peer whose page rejected the operation. */
  private final String peer;
  /** The operation that failed. */
  private final String operation;
  /** The DOMException name. */
  private final String name;
  /** The browser's message. */
  private final String domMessage;
  /** The constraint an OverconstrainedError names, or null. */
  private final String constraint;

  /**
   * A rejection; the message reads
   * {@code <peer>: <operation> failed with <name>: <message> (constraint: <constraint>)}.
   *
   * @param peer the peer whose page rejected the operation
   * @param operation the operation that failed, e.g. {@code getUserMedia}
   * @param name the DOMException name, e.g. {@code NotAllowedError}
   * @param domMessage the browser's message, possibly empty
   * @param constraint for an OverconstrainedError, the constraint that could not be met; otherwise null or empty
   */
  public DomException(String peer, String operation, String name, String domMessage, String constraint) {
    super(peer + ": " + operation + " failed with " + name + ": " + (domMessage.isEmpty() ? "(no message)" : domMessage)
        + (constraint == null || constraint.isEmpty() ? "" : " (constraint: " + constraint + ")"));
    this.peer = peer;
    this.operation = operation;
    this.name = name;
    this.domMessage = domMessage;
    this.constraint = constraint;
  }

  /**
   * {@return the DOMException name, e.g. {@code NotAllowedError}, {@code OverconstrainedError},
   * {@code InvalidAccessError}}
   */
  public String name() {
    return name;
  }

  /** {@return the browser's message, as the page saw it; empty when it gave none} */
  public String domMessage() {
    return domMessage;
  }

  /** {@return for an OverconstrainedError, the constraint that could not be met, e.g. {@code width}; otherwise null} */
  public String constraint() {
    return constraint;
  }

  /** {@return the operation that failed, e.g. {@code getUserMedia} or {@code setRemoteDescription}} */
  public String operation() {
    return operation;
  }

  /** {@return the name of the peer whose page rejected the operation} */
  public String peer() {
    return peer;
  }
}
