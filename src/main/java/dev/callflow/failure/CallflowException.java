package dev.callflow.failure;

/** The root of Callflow's errors that are not assertion failures. */
public class CallflowException extends RuntimeException {
  /**
   * An error with this message.
   *
   * @param message what went wrong, in words a test's author can act on
   */
  public CallflowException(String message) {
    super(message);
  }

  /**
   * An error with this message, caused by another.
   *
   * @param message what went wrong, in words a test's author can act on
   * @param cause the underlying failure, or null if there is none
   */
  public CallflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
