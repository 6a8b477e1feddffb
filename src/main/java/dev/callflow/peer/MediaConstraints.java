package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * getUserMedia constraints, exactly as the page will pass them.
 *
 * <pre>{@code
 * peer.getUserMedia(MediaConstraints.audioVideo());
 * peer.getUserMedia(MediaConstraints.of("{\"video\": {\"width\": {\"exact\": 99999}}}"));
 * }</pre>
 */
public final class MediaConstraints {
  private final ObjectNode json;

  private MediaConstraints(ObjectNode json) {
    this.json = json;
  }

  /** {@return a microphone only: {@code {"audio": true}}} */
  public static MediaConstraints audioOnly() {
    return of("{\"audio\": true}");
  }

  /** {@return a camera only: {@code {"video": true}}} */
  public static MediaConstraints videoOnly() {
    return of("{\"video\": true}");
  }

  /** {@return a microphone and a camera: {@code {"audio": true, "video": true}}} */
  public static MediaConstraints audioVideo() {
    return of("{\"audio\": true, \"video\": true}");
  }

  /**
   * {@return a camera of this size (ideal, not exact: fake devices scale to it)}
   *
   * @param width the width, in pixels
   * @param height the height, in pixels
   */
  public static MediaConstraints video(int width, int height) {
    return of("{\"video\": {\"width\": " + width + ", \"height\": " + height + "}}");
  }

  /**
   * {@return these constraints, passed to getUserMedia as they are}
   *
   * @param json any MediaStreamConstraints as a JSON object, e.g. {@code {"video": {"width": {"exact": 640}}}}
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public static MediaConstraints of(String json) {
    try {
      JsonNode node = Json.MAPPER.readTree(json);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("Media constraints must be a JSON object: " + json);
      }
      return new MediaConstraints(object);
    } catch (IOException e) {
      throw new IllegalArgumentException("Media constraints are not valid JSON: " + json + " (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
  }

  ObjectNode toJson() {
    return json.deepCopy();
  }

  boolean wantsKind(String kind) {
    JsonNode v = json.path(kind);
    return !v.isMissingNode() && !v.isNull() && !(v.isBoolean() && !v.asBoolean());
  }

  @Override
  public String toString() {
    return json.toString();
  }
}
