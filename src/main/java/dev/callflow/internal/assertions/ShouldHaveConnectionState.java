package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A connection in another state. */
public final class ShouldHaveConnectionState extends BasicErrorMessageFactory {
  private ShouldHaveConnectionState(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveConnectionState(String connection, String expected, String actual) {
    return new ShouldHaveConnectionState("%nExpecting %s to be %s, but it is %s", unquotedString(connection), expected, unquotedString(actual));
  }
}
