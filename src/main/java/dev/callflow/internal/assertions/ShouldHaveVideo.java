package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Remote video not in the expected condition (playing, black or frozen). */
public final class ShouldHaveVideo extends BasicErrorMessageFactory {
  private ShouldHaveVideo(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveVideo(String connection, String expected, String within, String check) {
    return new ShouldHaveVideo("%nExpecting %s to show %s video within %s, but the last check saw:%n  %s", unquotedString(connection), unquotedString(expected), unquotedString(within), unquotedString(check));
  }
}
