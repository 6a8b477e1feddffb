package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One object of a getStats() report, typed by its {@code type}. A field the browser did not report
 * is empty, never zero. The raw object stays available through {@link #json()}.
 */
public class RtcStats {
  private final JsonNode json;

  RtcStats(JsonNode json) {
    this.json = json;
  }

  /** The right typed view for this stats object. */
  static RtcStats of(JsonNode json) {
    return switch (json.path("type").asText()) {
      case "inbound-rtp" -> new InboundRtpStats(json);
      case "outbound-rtp" -> new OutboundRtpStats(json);
      case "remote-inbound-rtp" -> new RemoteInboundRtpStats(json);
      case "remote-outbound-rtp" -> new RemoteOutboundRtpStats(json);
      case "media-source" -> new MediaSourceStats(json);
      case "media-playout" -> new MediaPlayoutStats(json);
      case "candidate-pair" -> new CandidatePairStats(json);
      case "local-candidate", "remote-candidate" -> new IceCandidateStats(json);
      case "transport" -> new TransportStats(json);
      case "codec" -> new CodecStats(json);
      case "certificate" -> new CertificateStats(json);
      case "data-channel" -> new DataChannelStats(json);
      case "peer-connection" -> new PeerConnectionStats(json);
      default -> new RtcStats(json);
    };
  }

  /** {@return the object's id: unique in its report, and the same in later reports of the same connection} */
  public String id() {
    return json.path("id").asText();
  }

  /** {@return the W3C type, e.g. {@code inbound-rtp}} */
  public String type() {
    return json.path("type").asText();
  }

  /** {@return the browser's timestamp of this object, in milliseconds since the Unix epoch} */
  public double timestamp() {
    return json.path("timestamp").asDouble();
  }

  /** {@return the object as the browser reported it, for fields no typed getter reads} */
  public JsonNode json() {
    return json;
  }

  /**
   * {@return a whole-number field; empty when it is missing or not a number} A fraction is cut to its whole part.
   *
   * @param field the field's W3C name, e.g. {@code bytesReceived}
   */
  protected final OptionalLong count(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isNumber() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
  }

  /**
   * {@return a numeric field; empty when it is missing or not a number}
   *
   * @param field the field's W3C name, e.g. {@code jitter}
   */
  protected final OptionalDouble number(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
  }

  /**
   * {@return a text field; empty when it is missing or not text}
   *
   * @param field the field's W3C name, e.g. {@code mimeType}
   */
  protected final Optional<String> text(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  /**
   * {@return a boolean field; empty when it is missing or not a boolean}
   *
   * @param field the field's W3C name, e.g. {@code nominated}
   */
  protected final Optional<Boolean> flag(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isBoolean() ? Optional.of(v.asBoolean()) : Optional.empty();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
