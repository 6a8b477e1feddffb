package dev.callflow.browser;

import dev.callflow.failure.CallflowException;

/** A browser or its driver could not be found or started; the message lists every attempt. */
public final class BrowserLaunchException extends CallflowException {
  public BrowserLaunchException(String message, Throwable cause) {
    super(message, cause);
  }
}
