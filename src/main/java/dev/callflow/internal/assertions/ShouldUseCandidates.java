package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A selected candidate pair of other types or protocol. */
public final class ShouldUseCandidates extends BasicErrorMessageFactory {
  private ShouldUseCandidates(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldUseCandidates(String connection, String expected, String actual) {
    return new ShouldUseCandidates("%nExpecting %s to use a %s candidate pair, but the selected pair is:%n  %s", unquotedString(connection), unquotedString(expected), unquotedString(actual));
  }
}
