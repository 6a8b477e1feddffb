package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Sent video that should have a frame size or stay under a bitrate, as the sender's outbound-rtp saw it. */
public final class ShouldSendVideo extends BasicErrorMessageFactory {
  private ShouldSendVideo(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldSendVideoResolution(String who, int width, int height, String within, String seen) {
    return new ShouldSendVideo("%nExpecting %s to send video of %sx%s at most (outbound-rtp frameWidth x frameHeight) within %s, but it sent %s",
        unquotedString(who), width, height, unquotedString(within), unquotedString(seen));
  }

  public static ErrorMessageFactory shouldSendVideoAtMost(String who, long bitsPerSecond, String within, String seen) {
    return new ShouldSendVideo("%nExpecting %s to send video at %s bit/s at most over 2 s (outbound-rtp bytesSent) within %s,"
        + " but %s", unquotedString(who), bitsPerSecond, unquotedString(within), unquotedString(seen));
  }
}
