package dev.callflow.junit;

import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/**
 * A failed Callflow test: the original failure's message, then the folder holding its evidence
 * (timeline, SDPs, stats, console logs and screenshots of every peer). It stands in for the original
 * ({@link #original()}): same stack trace and suppressed exceptions, and the original's cause as its own,
 * so a report prints the message once, not again under "Caused by".
 */
public final class CallflowTestFailure extends AssertionFailedError {
  /** The folder with this failure's evidence. */
  private final Path evidence;
  private final transient Throwable original;

  CallflowTestFailure(Throwable failure, Path evidence) {
    super((failure instanceof AssertionError ? "" : failure.getClass().getSimpleName() + ": ") + failure.getMessage()
        + "\n\nEvidence: " + evidence, failure.getCause());
    this.evidence = evidence;
    this.original = failure;
    setStackTrace(failure.getStackTrace());
    for (Throwable suppressed : failure.getSuppressed()) {
      addSuppressed(suppressed);
    }
  }

  /** {@return the failure the test body threw, e.g. a {@code CallflowTimeoutError} or {@code BrowserGoneException}} */
  public Throwable original() {
    return original;
  }

  /** {@return the folder with this failure's evidence: timeline, SDPs, stats, console logs and screenshots} */
  public Path evidence() {
    return evidence;
  }
}
