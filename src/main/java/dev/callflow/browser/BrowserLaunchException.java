package dev.callflow.browser;

import dev.callflow.failure.CallflowException;

/** A browser or its driver could not be found or started; the message lists every attempt. */
public final class BrowserLaunchException extends CallflowException {
  /**
   * A launch that failed.
   *
   * @param message every attempt made and why each failed
   * @param cause the last attempt's error, or null
   */
  public BrowserLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
