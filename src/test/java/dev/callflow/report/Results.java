package dev.callflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.browser.BrowserType;
import dev.callflow.interop.CodecCell;
import dev.callflow.interop.ScenarioResult;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.PeerEvent;
import dev.callflow.stats.StatsReport;
import dev.callflow.stats.StatsSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario results made in the test, no browser: an audio-only call whose events start with a page load
 * 1 s before the offer, connect at 1.3 s, and whose flow then fails at 20 s in a wait.
 */
final class Results {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** The events' clock starts here, so that times in nanoseconds are plainly not from the epoch. */
  static final long T0 = 5_000_000_000L;
  static final String LONG_SDP = "v=0\\r\\n" + "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\\r\\n".repeat(6)
      + "a=the-last-line-of-the-offer";

  private final List<PeerEvent> events = new ArrayList<>();
  private int seq;

  private Results() {}

  static long ms(long millis) {
    return T0 + millis * 1_000_000;
  }

  private Results event(long atMs, String peer, String pc, EventKind kind, String details) {
    try {
      events.add(new PeerEvent(peer, "d1", pc, seq++, 0, ms(atMs), kind, MAPPER.readTree(details)));
      return this;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(details, e);
    }
  }

  private Results change(long atMs, String peer, EventKind kind, String state) {
    return event(atMs, peer, "pc1", kind, "{\"state\":\"" + state + "\"}");
  }

  /** One state change of pc1. */
  static PeerEvent state(long atMs, String peer, EventKind kind, String state) {
    return new Results().change(atMs, peer, kind, state).events.get(0);
  }

  /** Page load at 0, the offer at 1 s, both connected by 1.3 s. */
  static List<PeerEvent> audioCallEvents() {
    return new Results().event(0, "caller", null, EventKind.PROBE, "{\"url\":\"http://127.0.0.1/peer.html\"}")
        .event(200, "callee", null, EventKind.PROBE, "{\"url\":\"http://127.0.0.1/peer.html\"}")
        .event(500, "caller", "pc1", EventKind.CREATED, "{}")
        .event(1000, "caller", "pc1", EventKind.CALL, "{\"method\":\"createOffer\",\"args\":[]}")
        .event(1040, "caller", "pc1", EventKind.CALL, "{\"method\":\"setLocalDescription\",\"args\":[{\"type\":\"offer\",\"sdp\":\""
            + LONG_SDP + "\"}]}")
        .change(1050, "caller", EventKind.SIGNALING_STATE_CHANGE, "have-local-offer")
        .change(1060, "caller", EventKind.ICE_GATHERING_STATE_CHANGE, "gathering")
        .change(1100, "callee", EventKind.SIGNALING_STATE_CHANGE, "have-remote-offer")
        .change(1150, "callee", EventKind.SIGNALING_STATE_CHANGE, "stable")
        .change(1200, "callee", EventKind.ICE_CONNECTION_STATE_CHANGE, "checking")
        .change(1210, "callee", EventKind.CONNECTION_STATE_CHANGE, "connecting")
        .change(1220, "caller", EventKind.SIGNALING_STATE_CHANGE, "stable")
        .change(1230, "caller", EventKind.ICE_CONNECTION_STATE_CHANGE, "checking")
        .change(1240, "caller", EventKind.CONNECTION_STATE_CHANGE, "connecting")
        .change(1280, "caller", EventKind.ICE_CONNECTION_STATE_CHANGE, "connected")
        .change(1290, "caller", EventKind.CONNECTION_STATE_CHANGE, "connected")
        .change(1300, "callee", EventKind.ICE_CONNECTION_STATE_CHANGE, "connected")
        .change(1300, "callee", EventKind.CONNECTION_STATE_CHANGE, "connected")
        .events;
  }

  /** Stats of a side that sends and receives audio only: 4 samples 250 ms apart, 64 kbit/s each way. */
  static StatsSeries audioOnlyStats() {
    List<StatsReport> samples = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      double timestamp = 1.7e12 + i * 250;
      samples.add(StatsReport.of(List.of(
          rtp("inbound-rtp", "IA", timestamp, i * 2000).put("packetsReceived", i * 50).put("packetsLost", 0),
          rtp("outbound-rtp", "OA", timestamp, i * 2000).put("packetsSent", i * 50),
          MAPPER.createObjectNode().put("id", "CP").put("type", "candidate-pair").put("timestamp", timestamp)
              .put("nominated", true).put("state", "succeeded").put("currentRoundTripTime", 0.012))));
    }
    return StatsSeries.of(samples);
  }

  private static ObjectNode rtp(String type, String id, double timestamp, long bytes) {
    return MAPPER.createObjectNode().put("id", id).put("type", type).put("kind", "audio").put("mediaType", "audio")
        .put("timestamp", timestamp).put("ssrc", 1).put(type.startsWith("in") ? "bytesReceived" : "bytesSent", bytes);
  }

  /** The audio call above, failed in a 20 s wait that started at 0.4 s. */
  static ScenarioResult failedAudioCall() {
    return new ScenarioResult("audio-only", "an audio call", BrowserType.CHROME, BrowserType.FIREFOX, false,
        "CallflowTimeoutError: callee should hear audio within 20s", ms(400), ms(20_400), 900, List.of("audio/opus"),
        "host/host udp", LONG_SDP.replace("\\r\\n", "\r\n"), "v=0\r\n", List.of(), audioCallEvents(), audioOnlyStats(),
        audioOnlyStats(), Map.of("caller", List.of("hello from the caller")), Map.of("caller", png()));
  }

  /** The same call, passed at 1.5 s, with a video codec too and a baseline change. */
  static ScenarioResult passedCall() {
    return new ScenarioResult("audio-video", "audio+video call", BrowserType.CHROME, BrowserType.FIREFOX, true, "", ms(400), ms(1500),
        900, List.of("audio/opus", "video/VP8"), "host/host udp", "v=0\r\n", "v=0\r\n", List.of("offer m=video: codec VP9 disappeared"),
        audioCallEvents(), audioOnlyStats(), audioOnlyStats(), Map.of(), Map.of());
  }

  /**
   * The codec matrix of chrome→firefox: VP9 passed (forced first), H264 not offered by firefox, AV1 failed and changed
   * from the baseline, opus passed with a measured delay.
   */
  static ScenarioResult codecMatrix() {
    List<CodecCell> cells = List.of(
        CodecCell.passed("video", "video/VP9", "video/VP9", "video/VP9").withForcedFirst("the call did not connect: callee refused"),
        CodecCell.notOffered("video", "video/H264", "firefox"),
        CodecCell.failed("video", "video/AV1", "video/AV1", "", "no video arrived: bytesReceived stayed at 0")
            .withBaselineChange("was 'negotiated video/AV1, arrived video/AV1'"),
        CodecCell.passed("audio", "audio/opus", "audio/opus", "audio/opus").withMediaDelay(java.time.Duration.ofMillis(87)));
    return new ScenarioResult("codecs", "each codec", BrowserType.CHROME, BrowserType.FIREFOX, false, "AssertionError: 1 codec(s) failed",
        ms(400), ms(9000), 900, List.of("audio/opus"), "host/host udp", "v=0\r\n", "v=0\r\n",
        List.of("codec video/AV1: was 'negotiated video/AV1, arrived video/AV1', now 'FAILED: negotiated video/AV1, arrived none'"),
        audioCallEvents(), audioOnlyStats(), audioOnlyStats(), Map.of(), Map.of(), cells);
  }

  /** A 1x1 PNG. */
  static byte[] png() {
    return java.util.Base64.getDecoder().decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
  }

  static JsonNode json(String text) throws java.io.IOException {
    return MAPPER.readTree(text);
  }
}
