package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A media section with another direction. */
public final class ShouldHaveDirection extends BasicErrorMessageFactory {
  private ShouldHaveDirection(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveDirection(String section, String expected, String actual, List<SdpLine> lines) {
    return new ShouldHaveDirection("%nExpecting %s to have direction %s, but it is %s:%n%s", unquotedString(section), expected, actual, unquotedString(Quote.lines(lines)));
  }
}
