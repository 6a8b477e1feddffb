package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A missing RTP header extension. */
public final class ShouldHaveHeaderExtension extends BasicErrorMessageFactory {
  private ShouldHaveHeaderExtension(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveHeaderExtension(String kind, String uri, List<SdpLine> extmapLines) {
    return new ShouldHaveHeaderExtension("%nExpecting the %s section to have header extension %s, but its extmap lines are:%n%s", unquotedString(kind), uri, unquotedString(Quote.lines(extmapLines)));
  }
}
