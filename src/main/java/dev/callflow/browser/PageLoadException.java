package dev.callflow.browser;

import dev.callflow.failure.CallflowException;
import java.util.OptionalInt;

/**
 * A page did not open: the server answered with an HTTP error, the browser could not reach it (its
 * error page), or the page did not finish loading within the page-load timeout. Names the URL and the status, network
 * error or timeout.
 */
public final class PageLoadException extends CallflowException {
  /** Why the page did not open. */
  public enum Problem {
    /** The server answered 400 or more. */
    HTTP_ERROR,
    /** No answer that makes a page: refused connection, unknown host, reset... */
    NETWORK_ERROR,
    /** The load event did not come within the page-load timeout. */
    TIMEOUT
  }

  /** The URL that did not open. */
  private final String url;
  /** Why it did not open. */
  private final Problem problem;
  /** The HTTP status for {@link Problem#HTTP_ERROR}, else unused. */
  private final int status;

  /**
   * A page that did not open.
   *
   * @param message the URL and the status, network error or timeout, in words
   * @param url the URL that did not open
   * @param problem why it did not open
   * @param status the HTTP status for {@link Problem#HTTP_ERROR}; ignored for the other problems
   * @param cause the driver's error, or null
   */
  public PageLoadException(String message, String url, Problem problem, int status, Throwable cause) {
    super(message, cause);
    this.url = url;
    this.problem = problem;
    this.status = status;
  }

  /** {@return the URL that did not open} */
  public String url() {
    return url;
  }

  /** {@return why the page did not open} */
  public Problem problem() {
    return problem;
  }

  /** {@return the HTTP status for {@link Problem#HTTP_ERROR}; empty for the other problems} */
  public OptionalInt status() {
    return problem == Problem.HTTP_ERROR ? OptionalInt.of(status) : OptionalInt.empty();
  }
}
