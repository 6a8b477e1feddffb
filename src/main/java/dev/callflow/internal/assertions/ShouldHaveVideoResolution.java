package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Remote video of another size. */
public final class ShouldHaveVideoResolution extends BasicErrorMessageFactory {
  private ShouldHaveVideoResolution(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveVideoResolution(String connection, int width, int height, int actualWidth, int actualHeight) {
    return new ShouldHaveVideoResolution("%nExpecting %s to receive video of %sx%s, but it is %sx%s", unquotedString(connection), unquotedString(width + ""), unquotedString(height + ""),
        unquotedString(actualWidth + ""), unquotedString(actualHeight + ""));
  }
}
