package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A media section that should have these simulcast layers (a=simulcast and a=rid), without them. */
public final class ShouldHaveSimulcast extends BasicErrorMessageFactory {
  private ShouldHaveSimulcast(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveSimulcast(String section, String direction, List<String> rids, String problem, List<SdpLine> lines) {
    return new ShouldHaveSimulcast("%nExpecting %s to %s the simulcast layers %s (a=simulcast:%s and an a=rid line each), but %s:%n%s",
        unquotedString(section), unquotedString(direction), rids, unquotedString(direction), unquotedString(problem), unquotedString(Quote.lines(lines)));
  }
}
