package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A media section lacks a codec. */
public final class ShouldHaveCodec extends BasicErrorMessageFactory {
  private ShouldHaveCodec(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveCodec(String kind, String codec, List<SdpLine> lines) {
    return new ShouldHaveCodec("%nExpecting the %s section to offer codec %s, but it offers only:%n%s", unquotedString(kind), codec, unquotedString(Quote.lines(lines)));
  }
}
