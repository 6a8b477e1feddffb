package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A media section offers a codec it should not. */
public final class ShouldNotHaveCodec extends BasicErrorMessageFactory {
  private ShouldNotHaveCodec(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldNotHaveCodec(String kind, String codec, List<SdpLine> lines) {
    return new ShouldNotHaveCodec("%nExpecting the %s section not to offer codec %s, but it does:%n%s", unquotedString(kind), codec, unquotedString(Quote.lines(lines)));
  }
}
