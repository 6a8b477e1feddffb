package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A bitrate out of bounds. */
public final class ShouldHaveBitrateBetween extends BasicErrorMessageFactory {
  private ShouldHaveBitrateBetween(String format, Object... arguments) {
    super(format, arguments);
  }

  private static CharSequence whole(double value) {
    return unquotedString(String.format(java.util.Locale.ROOT, "%.0f", value));
  }

  public static ErrorMessageFactory shouldHaveBitrateBetween(String what, double min, double max, double average, String samples) {
    // AssertJ renders every argument as text before formatting: numbers are formatted here.
    return new ShouldHaveBitrateBetween("%nExpecting %s to average between %s and %s bit/s, but it averaged %s bit/s:%n  %s",
        unquotedString(what), whole(min), whole(max), whole(average), unquotedString(samples));
  }
}
