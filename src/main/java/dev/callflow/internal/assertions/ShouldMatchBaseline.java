package dev.callflow.internal.assertions;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Negotiation differs from a saved baseline. */
public final class ShouldMatchBaseline extends BasicErrorMessageFactory {
  private ShouldMatchBaseline(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldMatchBaseline(String file, List<String> changes) {
    return new ShouldMatchBaseline("%nExpecting the SDP to negotiate as the baseline %s, but:%n%s%n"
        + "(run with -Dcallflow.baseline.update=true to accept the new negotiation)",
        unquotedString(file), unquotedString(Quote.items(changes)));
  }
}
