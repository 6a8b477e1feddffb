package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Codecs in the wrong order of preference. */
public final class ShouldHaveCodecsInOrder extends BasicErrorMessageFactory {
  private ShouldHaveCodecsInOrder(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveCodecsInOrder(String kind, List<String> expected, List<String> actual, List<SdpLine> lines) {
    return new ShouldHaveCodecsInOrder("%nExpecting the %s section to prefer codecs in the order%n  %s%nbut their order is%n  %s%n%s", unquotedString(kind), expected, actual, unquotedString(Quote.lines(lines)));
  }
}
