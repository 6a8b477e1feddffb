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

  private final String url;
  private final Problem problem;
  private final int status;

  public PageLoadException(String message, String url, Problem problem, int status, Throwable cause) {
    super(message, cause);
    this.url = url;
    this.problem = problem;
    this.status = status;
  }

  public String url() {
    return url;
  }

  public Problem problem() {
    return problem;
  }

  /** The HTTP status, for {@link Problem#HTTP_ERROR}. */
  public OptionalInt status() {
    return problem == Problem.HTTP_ERROR ? OptionalInt.of(status) : OptionalInt.empty();
  }
}
