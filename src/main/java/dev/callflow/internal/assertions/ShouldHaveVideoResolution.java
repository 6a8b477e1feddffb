package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Remote video of another size. */
public final class ShouldHaveVideoResolution extends BasicErrorMessageFactory {
  private ShouldHaveVideoResolution(String format, Object... arguments) {
    super(format, arguments);
  }

  /** {@code seen}: the size the last check saw ({@code 320x240}), or what kept it from seeing one. */
  public static ErrorMessageFactory shouldHaveVideoResolution(String connection, int width, int height, String seen) {
    return new ShouldHaveVideoResolution("%nExpecting %s to receive video of %sx%s, but the last check saw: %s", unquotedString(connection),
        unquotedString(width + ""), unquotedString(height + ""), unquotedString(seen));
  }
}
