package dev.callflow.junit;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;

/**
 * A failed Callflow test: the original failure's message, then the folder holding its evidence
 * (timeline, SDPs, stats, console logs and screenshots of every peer) and the link to its part of the
 * run's report ({@code Report: file:///…/target/callflow/index.html#…}). It stands in for the original
 * ({@link #original()}): same stack trace and suppressed exceptions, and the original's cause as its own,
 * so a report prints the message once, not again under "Caused by".
 */
public final class CallflowTestFailure extends AssertionFailedError {
  /** The folder with this failure's evidence. */
  private final Path evidence;
  private final transient Throwable original;
  /** The failure's place in the run's report, or null if the report could not take it. */
  private final URI report;

  CallflowTestFailure(Throwable failure, Path evidence, URI report) {
    super((failure instanceof AssertionError ? "" : failure.getClass().getSimpleName() + ": ") + failure.getMessage()
        + "\n\nEvidence: " + evidence + (report == null ? "" : "\nReport: " + report), failure.getCause());
    this.evidence = evidence;
    this.report = report;
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

  /** {@return this failure's part of the run's report, {@code file:///…/index.html#<test>}; empty if it could not be written} */
  public Optional<URI> report() {
    return Optional.ofNullable(report);
  }
}
