package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One encoding of an RTCRtpSender ({@code RTCRtpEncodingParameters}): a simulcast layer named by its rid,
 * whether it is sent, and its limits. A field that is null is left as the browser has it.
 *
 * <pre>{@code
 * List<Encoding> layers = List.of(Encoding.rid("q").withScaleResolutionDownBy(4),
 *     Encoding.rid("h").withScaleResolutionDownBy(2), Encoding.rid("f"));
 * call.caller().addTrack(camera, layers);
 * call.caller().setEncodings(camera, List.of(Encoding.rid("h").withActive(false)));
 * }</pre>
 *
 * @param rid the layer's rid, or null for a sender of one encoding
 * @param active whether the encoding is sent, or null for the browser's (true)
 * @param maxBitrate the most bits per second the encoding may use, or null for no limit
 * @param scaleResolutionDownBy how much smaller than the source the encoding is sent (2.0: half the width and height), or null
 */
public record Encoding(String rid, Boolean active, Long maxBitrate, Double scaleResolutionDownBy) {
  /** RFC 8851: a rid is 1 to 255 letters and digits (RFC 8852 allows '-' and '_' too). */
  private static final Pattern RID = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /**
   * Checks what the browser would reject only later and less clearly.
   *
   * @param rid the layer's rid, or null
   * @param active whether the encoding is sent, or null
   * @param maxBitrate the most bits per second, or null
   * @param scaleResolutionDownBy how much smaller than the source, or null
   * @throws IllegalArgumentException for a rid that is no rid, a bitrate below 1, or a scale below 1.0
   */
  public Encoding {
    if (rid != null && !RID.matcher(rid).matches()) {
      throw new IllegalArgumentException("A rid is 1 to 255 letters, digits, '-' or '_', not '" + rid + "'");
    }
    if (maxBitrate != null && maxBitrate < 1) {
      throw new IllegalArgumentException("maxBitrate must be at least 1 bit/s, not " + maxBitrate);
    }
    if (scaleResolutionDownBy != null && !(scaleResolutionDownBy >= 1.0)) {
      throw new IllegalArgumentException("scaleResolutionDownBy must be at least 1.0, not " + scaleResolutionDownBy);
    }
  }

  /**
   * {@return an encoding with this rid and nothing else set}
   *
   * @param rid the layer's rid, e.g. {@code h}
   */
  public static Encoding rid(String rid) {
    return new Encoding(Objects.requireNonNull(rid, "rid"), null, null, null);
  }

  /** {@return the one encoding of a sender without simulcast, nothing set} */
  public static Encoding single() {
    return new Encoding(null, null, null, null);
  }

  /**
   * {@return this encoding, sent or not}
   *
   * @param sent whether the encoding is sent
   */
  public Encoding withActive(boolean sent) {
    return new Encoding(rid, sent, maxBitrate, scaleResolutionDownBy);
  }

  /**
   * {@return this encoding, limited to this bitrate}
   *
   * @param bitsPerSecond the most bits per second
   */
  public Encoding withMaxBitrate(long bitsPerSecond) {
    return new Encoding(rid, active, bitsPerSecond, scaleResolutionDownBy);
  }

  /**
   * {@return this encoding, sent this much smaller than the source}
   *
   * @param factor 1.0 or more; 2.0 halves the width and height
   */
  public Encoding withScaleResolutionDownBy(double factor) {
    return new Encoding(rid, active, maxBitrate, factor);
  }

  /** The fields that are set, as the page's RTCRtpEncodingParameters. */
  ObjectNode json() {
    ObjectNode o = Json.object();
    if (rid != null) {
      o.put("rid", rid);
    }
    if (active != null) {
      o.put("active", active);
    }
    if (maxBitrate != null) {
      o.put("maxBitrate", maxBitrate);
    }
    if (scaleResolutionDownBy != null) {
      o.put("scaleResolutionDownBy", scaleResolutionDownBy);
    }
    return o;
  }

  /** An encoding as getParameters() reported it. */
  static Encoding of(JsonNode e) {
    return new Encoding(e.path("rid").isTextual() && !e.path("rid").asText().isEmpty() ? e.path("rid").asText() : null,
        e.path("active").isBoolean() ? e.path("active").asBoolean() : null,
        e.path("maxBitrate").isNumber() ? e.path("maxBitrate").asLong() : null,
        e.path("scaleResolutionDownBy").isNumber() ? e.path("scaleResolutionDownBy").asDouble() : null);
  }
}
