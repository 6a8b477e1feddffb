package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Simulcast layers that should be sent, or a layer that should have stopped, as the sender's stats saw them. */
public final class ShouldSendLayers extends BasicErrorMessageFactory {
  private ShouldSendLayers(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldSendLayers(String who, String rids, String within, String seen) {
    return new ShouldSendLayers("%nExpecting %s to send the video layers %s (outbound-rtp bytesSent of each rid growing) within %s,"
        + " but the layers went:%n%s", unquotedString(who), unquotedString(rids), unquotedString(within), unquotedString(seen));
  }

  public static ErrorMessageFactory shouldHaveStoppedLayer(String who, String rid, String within, String seen) {
    return new ShouldSendLayers("%nExpecting %s to stop sending the video layer %s (its outbound-rtp bytesSent the same for 1 s)"
        + " within %s, but the layers went:%n%s", unquotedString(who), unquotedString(rid), unquotedString(within), unquotedString(seen));
  }
}
