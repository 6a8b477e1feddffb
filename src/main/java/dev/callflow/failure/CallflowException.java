package dev.callflow.failure;

/** The root of Callflow's errors that are not assertion failures. */
public class CallflowException extends RuntimeException {
  public CallflowException(String message) {
    super(message);
  }

  public CallflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
