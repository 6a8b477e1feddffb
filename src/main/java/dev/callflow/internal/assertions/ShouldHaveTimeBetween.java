package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Two events too far apart, or one of them missing. */
public final class ShouldHaveTimeBetween extends BasicErrorMessageFactory {
  private ShouldHaveTimeBetween(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveTimeBetween(String from, String to, String max, String actual) {
    return new ShouldHaveTimeBetween("%nExpecting at most %s from%n  %s%nto%n  %s%nbut %s", unquotedString(max), unquotedString(from), unquotedString(to), unquotedString(actual));
  }
}
