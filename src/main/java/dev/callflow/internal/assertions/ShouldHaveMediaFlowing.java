package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** No media arriving. */
public final class ShouldHaveMediaFlowing extends BasicErrorMessageFactory {
  private ShouldHaveMediaFlowing(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveMediaFlowing(String connection, String kind, String within, String seen) {
    return new ShouldHaveMediaFlowing("%nExpecting %s to receive %s within %s (inbound-rtp bytesReceived growing), but %s", unquotedString(connection), kind, unquotedString(within), unquotedString(seen));
  }
}
