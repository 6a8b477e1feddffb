package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Too much packet loss. */
public final class ShouldHavePacketLossBelow extends BasicErrorMessageFactory {
  private ShouldHavePacketLossBelow(String format, Object... arguments) {
    super(format, arguments);
  }

  private static CharSequence percent(double ratio) {
    return unquotedString(String.format(java.util.Locale.ROOT, "%.2f", ratio * 100));
  }

  public static ErrorMessageFactory shouldHavePacketLossBelow(String what, double maxRatio, double ratio, long lost, long received) {
    // AssertJ renders every argument as text before formatting: numbers are formatted here.
    return new ShouldHavePacketLossBelow("%nExpecting %s to lose less than %s%% of packets, but it lost %s%% (%s lost, %s received)",
        unquotedString(what), percent(maxRatio), percent(ratio), unquotedString(String.valueOf(lost)),
        unquotedString(String.valueOf(received)));
  }
}
