package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserSpec;

/** What {@link BrowserPool} needs of a browser: its spec, whether it still runs, and ways to reset and end it. */
public interface PooledBrowser extends AutoCloseable {
  /** The spec it was launched for; a warm browser is handed out again for an equal spec. */
  BrowserSpec spec();

  /** False once it is closed, or it ended (killed, crashed). */
  boolean isRunning();

  /** Stops delivering events to the previous owner. */
  void detach();

  /** Readies it for the next owner (closes extra tabs, resets or blanks the page); may throw if the browser broke. */
  void reset();

  /** Ends it and removes what it left (its processes, its files); a remote one is quit through its driver. */
  @Override
  void close();

  /** Ends it at once: the JVM is shutting down. */
  void terminate();
}
