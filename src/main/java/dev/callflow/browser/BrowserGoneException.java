package dev.callflow.browser;

import dev.callflow.failure.CallflowException;

/**
 * A browser ended while a peer still used it (killed, crashed, out of memory): names the peer, the
 * browser and what it was asked to do. The browser is not handed out again; the next test gets a new one.
 */
public final class BrowserGoneException extends CallflowException {
  /** The peer that used the browser, or null. */
  private final String peer;
  /** The browser that ended. */
  private final BrowserInfo browser;
  /** What the browser was asked to do when it was found gone. */
  private final String operation;
  /** What ended, in words. */
  private final String what;

  /**
   * A browser found gone; the message reads {@code <peer>: <operation> failed: <browser> is gone (<what>)}.
   *
   * @param peer the peer that used the browser, or null if none did
   * @param browser the browser that ended
   * @param operation what the browser was asked to do, e.g. {@code getStats} or {@code open http://...}
   * @param what what ended, e.g. {@code its browser process 123 ended: killed or crashed}
   * @param cause the driver's error that revealed it, or null
   */
  public BrowserGoneException(String peer, BrowserInfo browser, String operation, String what, Throwable cause) {
    super((peer == null ? "" : peer + ": ") + operation + " failed: " + browser + " is gone (" + what + ")", cause);
    this.peer = peer;
    this.browser = browser;
    this.operation = operation;
    this.what = what;
  }

  /**
   * The same browser's end, told of another operation (the one a test called, not a step inside it).
   *
   * @param otherOperation the operation to name instead, e.g. {@code awaitConnectionState}
   * @return a new exception with this one as its cause
   */
  public BrowserGoneException during(String otherOperation) {
    return new BrowserGoneException(peer, browser, otherOperation, what, this);
  }

  /** {@return the name of the peer that used the browser, or null if none did} */
  public String peer() {
    return peer;
  }

  /** {@return the browser that ended: its type, version and how it was started} */
  public BrowserInfo browser() {
    return browser;
  }

  /** {@return what the browser was asked to do when it was found gone, e.g. {@code getStats}} */
  public String operation() {
    return operation;
  }
}
