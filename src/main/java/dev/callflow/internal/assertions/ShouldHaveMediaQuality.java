package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Received media worse than asked for: the figure, the bound, and the measured series. */
public final class ShouldHaveMediaQuality extends BasicErrorMessageFactory {
  private ShouldHaveMediaQuality(String format, Object... arguments) {
    super(format, arguments);
  }

  /**
   * {@return the message}
   *
   * @param connection the connection measured, e.g. {@code bob/pc1}
   * @param expected what should have held, e.g. {@code video delay (95th percentile) below 200ms}
   * @param actual what was measured instead, e.g. {@code 350ms}
   * @param series the measurement: its summary, then its series, one line each
   */
  public static ErrorMessageFactory shouldHaveMediaQuality(String connection, String expected, String actual, String series) {
    return new ShouldHaveMediaQuality("%nExpecting %s to receive %s, but it was %s; measured:%n%s", unquotedString(connection),
        unquotedString(expected), unquotedString(actual), unquotedString(series));
  }
}
