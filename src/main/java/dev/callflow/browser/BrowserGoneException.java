package dev.callflow.browser;

import dev.callflow.failure.CallflowException;

/**
 * A browser ended while a peer still used it (killed, crashed, out of memory): names the peer, the
 * browser and what it was asked to do. The browser is not handed out again; the next test gets a new one.
 */
public final class BrowserGoneException extends CallflowException {
  private final String peer;
  private final BrowserInfo browser;
  private final String operation;
  private final String what;

  /**
   * @param peer the peer that used the browser, or null if none did
   * @param operation what the browser was asked to do, e.g. {@code getStats} or {@code open http://...}
   * @param what what ended, e.g. {@code its browser process 123 ended: killed or crashed}
   */
  public BrowserGoneException(String peer, BrowserInfo browser, String operation, String what, Throwable cause) {
    super((peer == null ? "" : peer + ": ") + operation + " failed: " + browser + " is gone (" + what + ")", cause);
    this.peer = peer;
    this.browser = browser;
    this.operation = operation;
    this.what = what;
  }

  /** The same browser's end, told of another operation (the one a test called, not a step inside it). */
  public BrowserGoneException during(String otherOperation) {
    return new BrowserGoneException(peer, browser, otherOperation, what, this);
  }

  /** The peer that used the browser, or null. */
  public String peer() {
    return peer;
  }

  public BrowserInfo browser() {
    return browser;
  }

  public String operation() {
    return operation;
  }
}
