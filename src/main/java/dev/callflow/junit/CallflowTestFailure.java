package dev.callflow.junit;

import java.nio.file.Path;
import org.opentest4j.AssertionFailedError;

/**
 * A failed Callflow test: the original failure's message, then the folder holding its evidence
 * (timeline, SDPs, stats, console logs and screenshots of every peer). The original is the cause.
 */
public final class CallflowTestFailure extends AssertionFailedError {
  /** The folder with this failure's evidence. */
  private final Path evidence;

  CallflowTestFailure(Throwable failure, Path evidence) {
    super((failure instanceof AssertionError ? "" : failure.getClass().getSimpleName() + ": ") + failure.getMessage()
        + "\n\nEvidence: " + evidence, failure);
    this.evidence = evidence;
    setStackTrace(failure.getStackTrace());
  }

  /** {@return the folder with this failure's evidence: timeline, SDPs, stats, console logs and screenshots} */
  public Path evidence() {
    return evidence;
  }
}
