package dev.callflow.sdp;

import dev.callflow.failure.CallflowException;

/**
 * An SDP text that is not valid SDP; the message names the line number and quotes the line, with
 * control characters escaped as in Java source (a CR as backslash-r) so that the quote prints on one line.
 */
public final class SdpParseException extends CallflowException {
  /** The 1-based number of the offending line, 0 for the whole text. */
  private final int lineNumber;
  /** The offending line, or null for the whole text. */
  private final String line;

  SdpParseException(int lineNumber, String line, String problem) {
    super("Invalid SDP at line " + lineNumber + ": " + problem + (line == null ? "" : "\n  " + lineNumber + ": " + printable(line)));
    this.lineNumber = lineNumber;
    this.line = line;
  }

  /** The line as quoted in the message. */
  static String printable(String line) {
    StringBuilder out = new StringBuilder(line.length());
    for (char c : line.toCharArray()) {
      switch (c) {
        case '\r' -> out.append("\\r");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        default -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.toString();
  }

  /** {@return the 1-based number of the offending line (0 when the whole text is at fault, e.g. empty)} */
  public int lineNumber() {
    return lineNumber;
  }

  /** {@return the offending line as it was in the text, or null when the whole text is at fault} */
  public String line() {
    return line;
  }
}
