package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * One thing the probe saw on a page: an API call, its result or error, a state change, a candidate,
 * a track, a data-channel event.
 *
 * @param peer the peer's name
 * @param doc the document (page load, iframe) it happened in, as the probe named it; empty for Java's own events
 * @param pc the probe's id of the peer connection ({@code pc1}, ...), or null for page-level events
 * @param seq the order in which the page recorded it
 * @param browserTime the page's clock, epoch milliseconds
 * @param receivedNanos when Java received it ({@link System#nanoTime()}), for one order across peers
 * @param type the event type, e.g. {@code connectionstatechange}, {@code icecandidate}, {@code call}
 * @param data the event's details as recorded by the probe
 */
public record PeerEvent(String peer, String doc, String pc, long seq, double browserTime, long receivedNanos, String type, JsonNode data) {
  public PeerEvent {
    data = data == null ? NullNode.getInstance() : data;
  }

  /** The {@code state} of a state-change event, or null. */
  public String state() {
    return data.path("state").isTextual() ? data.path("state").asText() : null;
  }

  /** The API method of a {@code call}, {@code result} or {@code error} event, or null. */
  public String method() {
    return data.path("method").isTextual() ? data.path("method").asText() : null;
  }

  public boolean is(String eventType) {
    return type.equals(eventType);
  }

  /** A one-line description for timelines and failure messages. */
  public String describe() {
    String where = pc == null ? peer : peer + "/" + pc;
    String detail = switch (type) {
      case "signalingstatechange", "icegatheringstatechange", "iceconnectionstatechange", "connectionstatechange" -> state();
      case "call" -> method() + "(" + abbreviate(data.path("args").toString()) + ")";
      case "result" -> method() + " ok";
      case "error", "getusermediaerror" -> (method() == null ? "" : method() + " ")
          + data.path("error").path("name").asText() + ": " + data.path("error").path("message").asText();
      case "icecandidate" -> data.path("candidate").isNull() ? "end-of-candidates"
          : data.path("candidate").path("candidate").asText() + (data.path("allowed").asBoolean(true) ? "" : " (withheld by policy)");
      case "track" -> data.path("track").path("kind").asText() + " mid=" + data.path("mid").asText();
      case "channelmessage" -> data.path("label").asText() + " <- " + abbreviate(data.path("data").asText());
      case "console" -> abbreviate(data.path("text").asText());
      default -> abbreviate(data.isEmpty() ? "" : data.toString());
    };
    return where + " " + type + (detail == null || detail.isEmpty() ? "" : " " + detail);
  }

  private static String abbreviate(String s) {
    String flat = s.replace("\\r\\n", " ").replace("\r\n", " ");
    return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
  }
}
