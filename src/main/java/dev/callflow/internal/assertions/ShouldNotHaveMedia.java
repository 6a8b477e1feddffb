package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** An SDP has a media section of a kind it should not have. */
public final class ShouldNotHaveMedia extends BasicErrorMessageFactory {
  private ShouldNotHaveMedia(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldNotHaveMedia(String kind, List<SdpLine> mLines) {
    return new ShouldNotHaveMedia("%nExpecting the SDP to have no media section of kind %s, but it has:%n%s", kind, unquotedString(Quote.lines(mLines)));
  }
}
