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

  public String id() {
    return json.path("id").asText();
  }

  /** The W3C type, e.g. {@code inbound-rtp}. */
  public String type() {
    return json.path("type").asText();
  }

  /** The browser's timestamp of this object, milliseconds. */
  public double timestamp() {
    return json.path("timestamp").asDouble();
  }

  /** The object as the browser reported it. */
  public JsonNode json() {
    return json;
  }

  protected final OptionalLong count(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isNumber() ? OptionalLong.of(v.asLong()) : OptionalLong.empty();
  }

  protected final OptionalDouble number(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
  }

  protected final Optional<String> text(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
  }

  protected final Optional<Boolean> flag(String field) {
    JsonNode v = json.get(field);
    return v != null && v.isBoolean() ? Optional.of(v.asBoolean()) : Optional.empty();
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
