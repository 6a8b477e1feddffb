package dev.callflow.sdp;

import java.util.List;
import java.util.Map;

/**
 * A payload format of a media section: {@code a=rtpmap}, with its {@code a=fmtp} and {@code a=rtcp-fb} lines.
 *
 * @param payloadType the RTP payload type
 * @param name the encoding name as written, e.g. {@code opus}, {@code VP8}, {@code H264}
 * @param clockRate the clock rate in Hz
 * @param channels the channel count for audio, 0 where the line gives none
 * @param fmtp the format parameters in their order, e.g. {@code minptime=10}; empty without an fmtp line
 * @param rtcpFeedback the rtcp-fb values, e.g. {@code nack pli}, {@code transport-cc}
 */
public record Codec(int payloadType, String name, int clockRate, int channels, Map<String, String> fmtp, List<String> rtcpFeedback) {
  /**
   * {@return whether this codec has this name, ignoring case ({@code vp8} matches {@code VP8})}
   *
   * @param codecName an encoding name, e.g. {@code opus}
   */
  public boolean is(String codecName) {
    return name.equalsIgnoreCase(codecName);
  }

  /** {@code opus/48000/2}. */
  @Override
  public String toString() {
    return name + "/" + clockRate + (channels > 0 ? "/" + channels : "") + " (pt " + payloadType + ")";
  }
}
