package dev.callflow.junit;

import dev.callflow.browser.BrowserType;

/**
 * The caller's and callee's browsers of one {@link BrowserPairs} invocation; a test can take it as a parameter.
 *
 * @param caller the browser of the first peer parameter
 * @param callee the browser of the second peer parameter
 */
public record BrowserPair(BrowserType caller, BrowserType callee) {
  /** {@code chrome→firefox}. */
  @Override
  public String toString() {
    return caller.id() + "→" + callee.id();
  }
}
