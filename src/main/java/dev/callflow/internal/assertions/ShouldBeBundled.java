package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Media sections outside the BUNDLE group. */
public final class ShouldBeBundled extends BasicErrorMessageFactory {
  private ShouldBeBundled(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldBeBundled(List<String> mids, List<SdpLine> groupLines) {
    return new ShouldBeBundled("%nExpecting the SDP to bundle all its media sections %s in one a=group:BUNDLE, but its group lines are:%n%s", mids, unquotedString(Quote.lines(groupLines)));
  }
}
