package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Media of another codec arriving, or none. */
public final class ShouldReceiveCodec extends BasicErrorMessageFactory {
  private ShouldReceiveCodec(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldReceiveCodec(String connection, String mimeType, String within, String what, String seen) {
    return new ShouldReceiveCodec("%nExpecting %s to receive %s within %s (inbound-rtp of that codec, %s growing), but %s",
        unquotedString(connection), unquotedString(mimeType), unquotedString(within), unquotedString(what), unquotedString(seen));
  }
}
