package dev.callflow.internal.assertions;

import dev.callflow.sdp.SdpLine;
import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A fingerprint with another hash function. */
public final class ShouldHaveFingerprintAlgorithm extends BasicErrorMessageFactory {
  private ShouldHaveFingerprintAlgorithm(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveFingerprintAlgorithm(String algorithm, List<SdpLine> fingerprintLines) {
    return new ShouldHaveFingerprintAlgorithm("%nExpecting the DTLS fingerprint to use %s, but the fingerprint lines are:%n%s", algorithm, unquotedString(Quote.lines(fingerprintLines)));
  }
}
