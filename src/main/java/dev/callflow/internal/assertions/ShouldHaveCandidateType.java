package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** No candidate of the expected type. */
public final class ShouldHaveCandidateType extends BasicErrorMessageFactory {
  private ShouldHaveCandidateType(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveCandidateType(String type, List<SdpLine> candidateLines) {
    return new ShouldHaveCandidateType("%nExpecting the SDP to have a candidate of type %s, but its candidates are:%n%s", type, unquotedString(Quote.lines(candidateLines)));
  }
}
