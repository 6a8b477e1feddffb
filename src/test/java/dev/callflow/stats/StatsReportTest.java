package dev.callflow.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stats model on getStats() output captured from Chromium 156 and Firefox ESR 153 (src/test/resources/stats). */
class StatsReportTest {
  static StatsReport load(String name) {
    try {
      List<JsonNode> all = new ArrayList<>();
      new ObjectMapper().readTree(StatsReportTest.class.getResourceAsStream("/stats/" + name)).forEach(all::add);
      return StatsReport.of(all);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void typesEveryW3cStatsObject() {
    StatsReport chrome = load("chrome-callee-stats.json");

    assertThat(chrome.all()).extracting(RtcStats::getClass).contains(InboundRtpStats.class, OutboundRtpStats.class,
        RemoteInboundRtpStats.class, RemoteOutboundRtpStats.class, MediaSourceStats.class, MediaPlayoutStats.class,
        CandidatePairStats.class, IceCandidateStats.class, TransportStats.class, CodecStats.class, CertificateStats.class,
        DataChannelStats.class, PeerConnectionStats.class);
    assertThat(chrome.all()).noneMatch(s -> s.getClass() == RtcStats.class);
  }

  @Test
  void readsInboundVideoAndAudio() {
    for (String file : List.of("chrome-callee-stats.json", "firefox-callee-stats.json")) {
      StatsReport stats = load(file);
      InboundRtpStats video = stats.inboundRtp("video").get(0);
      assertThat(video.framesDecoded().orElseThrow()).as(file).isPositive();
      assertThat(video.frameWidth()).as(file).isPresent();
      assertThat(video.bytesReceived().getAsLong()).isEqualTo(stats.inboundBytes("video"));
      assertThat(stats.codecOf(video)).get().extracting(c -> c.mimeType().orElseThrow()).asString().startsWith("video/");
      InboundRtpStats audio = stats.inboundRtp("audio").get(0);
      assertThat(audio.totalAudioEnergy()).as(file).isPresent();
      assertThat(audio.totalSamplesReceived()).as(file).isPresent();
      assertThat(audio.framesDecoded()).as("audio has no frames in %s", file).isEmpty();
    }
  }

  @Test
  void fieldsABrowserDoesNotReportAreAbsentNotZero() {
    StatsReport firefox = load("firefox-callee-stats.json");
    StatsReport chrome = load("chrome-callee-stats.json");

    assertThat(firefox.transports().get(0).bytesSent()).isEmpty();
    assertThat(chrome.transports().get(0).bytesSent()).isPresent();
    assertThat(firefox.ofType(CertificateStats.class)).isEmpty();
    assertThat(chrome.ofType(CertificateStats.class)).isNotEmpty();
    assertThat(firefox.outboundRtp("video").get(0).qualityLimitationReason()).isEmpty();
    assertThat(chrome.outboundRtp("video").get(0).qualityLimitationReason()).isPresent();
  }

  @Test
  void findsTheSelectedPairInBothBrowsers() {
    for (String file : List.of("chrome-callee-stats.json", "firefox-callee-stats.json", "chrome-caller-stats.json",
        "firefox-caller-stats.json")) {
      SelectedPair pair = load(file).selectedPair().orElseThrow();
      assertThat(pair.localCandidate().isLoopback()).as(file).isTrue();
      assertThat(pair.localCandidate().candidateType()).as(file).contains("host");
      assertThat(pair.pair().state()).as(file).contains("succeeded");
      assertThat(pair.toString()).as(file).contains("<->");
    }
  }

  @Test
  void firefoxMarksTheSelectedPairItself() {
    StatsReport firefox = load("firefox-callee-stats.json");
    CandidatePairStats marked = firefox.candidatePairs().stream().filter(p -> p.selected().orElse(false)).findFirst().orElseThrow();

    assertThat(firefox.selectedCandidatePair()).contains(marked);
    assertThat(load("chrome-callee-stats.json").candidatePairs()).allMatch(p -> p.selected().isEmpty());
  }

  @Test
  void aPairInUseIsNeverGuessed() {
    // Firefox before it has chosen: its transport names no pair, its pairs carry 'selected', none true; two are
    // nominated and succeeded.
    List<JsonNode> noneMarked = new ArrayList<>();
    load("firefox-callee-stats.json").json().stream().filter(j -> !"transport".equals(j.path("type").asText()))
        .forEach(j -> noneMarked.add(j.has("selected") ? ((ObjectNode) j.deepCopy()).put("selected", false) : j));
    assertThat(StatsReport.of(noneMarked).selectedCandidatePair()).isEmpty();

    // A browser that names no pair: the only nominated, succeeded pair is the one; with two, no answer.
    ObjectMapper json = new ObjectMapper();
    JsonNode a = json.createObjectNode().put("id", "a").put("type", "candidate-pair").put("nominated", true).put("state", "succeeded");
    JsonNode b = json.createObjectNode().put("id", "b").put("type", "candidate-pair").put("nominated", false).put("state", "succeeded");
    JsonNode c = json.createObjectNode().put("id", "c").put("type", "candidate-pair").put("nominated", true).put("state", "succeeded");
    assertThat(StatsReport.of(List.of(a, b)).selectedCandidatePair().map(CandidatePairStats::id)).contains("a");
    assertThat(StatsReport.of(List.of(a, b, c)).selectedCandidatePair()).isEmpty();
  }

  @Test
  void seriesDeriveRatesFromBrowserTimestamps() {
    ObjectMapper json = new ObjectMapper();
    StatsReport first = StatsReport.of(List.of(json.createObjectNode().put("id", "in").put("type", "inbound-rtp")
        .put("kind", "video").put("trackIdentifier", "t1").put("timestamp", 1000.0).put("bytesReceived", 1000).put("packetsReceived", 100)
        .put("packetsLost", 0).put("framesDecoded", 10).put("jitter", 0.01)));
    StatsReport second = StatsReport.of(List.of(json.createObjectNode().put("id", "in").put("type", "inbound-rtp")
        .put("kind", "video").put("trackIdentifier", "t1").put("timestamp", 1500.0).put("bytesReceived", 51000).put("packetsReceived", 190)
        .put("packetsLost", 10).put("framesDecoded", 25).put("jitter", 0.02)));
    StatsSeries series = StatsSeries.of(List.of(first, second));

    assertThat(series.seconds()).isEqualTo(0.5);
    assertThat(series.bitrateIn("video").points()).containsExactly(new Metric.Point(0.5, 800_000));
    assertThat(series.framesPerSecond("video").last()).hasValue(30);
    assertThat(series.packetsLostPerSecond("video").last()).hasValue(20);
    assertThat(series.packetLossRatio("video")).isEqualTo(0.1);
    assertThat(series.jitter("video").points()).extracting(Metric.Point::value).containsExactly(0.01, 0.02);
    assertThat(series.bitrateIn("audio").average()).hasValue(0);
    assertThat(series.bitrateInOfTrack("t1").last()).hasValue(800_000);
    assertThat(series.bitrateInOfTrack("other").last()).hasValue(0);
    assertThat(series.roundTripTime().points()).isEmpty();
  }
}
