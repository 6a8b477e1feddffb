package dev.callflow.internal.assertions;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A selected candidate pair whose local end is not the expected relay candidate. */
public final class ShouldUseRelay extends BasicErrorMessageFactory {
  private ShouldUseRelay(String format, Object... arguments) {
    super(format, arguments);
  }

  /** Not relayed, or relayed over another protocol: {@code expected} is e.g. {@code TURN over tcp}. */
  public static ErrorMessageFactory shouldUseRelay(String connection, String expected, String pair, String localEnd) {
    return new ShouldUseRelay("%nExpecting %s to send through a relay candidate (%s), but the selected pair is:%n  %s%nits local end: %s",
        unquotedString(connection), unquotedString(expected), unquotedString(pair), unquotedString(localEnd));
  }

  /** Relayed, but by none of the server's allocations. */
  public static ErrorMessageFactory shouldUseAllocationOf(String connection, String server, String pair, List<String> allocations) {
    return new ShouldUseRelay("%nExpecting %s to send through an allocation of %s, but the selected pair is:%n  %s%n"
        + "and the server's allocations are: %s", unquotedString(connection), unquotedString(server), unquotedString(pair),
        unquotedString(allocations.isEmpty() ? "(none)" : String.join(", ", allocations)));
  }
}
