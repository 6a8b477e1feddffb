package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Remote audio audible when it should be silent, or the other way round. */
public final class ShouldHaveAudio extends BasicErrorMessageFactory {
  private ShouldHaveAudio(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveAudio(String connection, String expected, String within, String check) {
    return new ShouldHaveAudio("%nExpecting %s to receive %s audio within %s, but the last check saw:%n  %s", unquotedString(connection), unquotedString(expected), unquotedString(within), unquotedString(check));
  }
}
