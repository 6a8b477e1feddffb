package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** An SDP has no media section of the expected kind. */
public final class ShouldHaveMedia extends BasicErrorMessageFactory {
  private ShouldHaveMedia(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveMedia(String kind, List<SdpLine> mLines) {
    return new ShouldHaveMedia("%nExpecting the SDP to have a media section of kind %s, but its m= lines are:%n%s", kind, unquotedString(Quote.lines(mLines)));
  }
}
