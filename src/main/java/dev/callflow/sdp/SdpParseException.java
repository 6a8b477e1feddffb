package dev.callflow.sdp;

import dev.callflow.CallflowException;

/** An SDP text that is not valid SDP; the message names the line number and quotes the line. */
public final class SdpParseException extends CallflowException {
  private final int lineNumber;
  private final String line;

  SdpParseException(int lineNumber, String line, String problem) {
    super("Invalid SDP at line " + lineNumber + ": " + problem + (line == null ? "" : "\n  " + lineNumber + ": " + line));
    this.lineNumber = lineNumber;
    this.line = line;
  }

  /** The 1-based number of the offending line (0 when the whole text is at fault). */
  public int lineNumber() {
    return lineNumber;
  }

  /** The offending line, or null when the whole text is at fault. */
  public String line() {
    return line;
  }
}
