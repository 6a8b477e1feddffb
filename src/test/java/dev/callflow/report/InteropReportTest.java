package dev.callflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.browser.BrowserType;
import dev.callflow.interop.ScenarioResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's pages and JSON from results made in the test: what a reader finds on each, at any width. */
class InteropReportTest {
  private static final Instant STARTED = Instant.parse("2026-11-30T03:12:45Z");
  private static final List<BrowserInfo> BROWSERS = List.of(new BrowserInfo(BrowserType.CHROME, "chrome", "156.0.1", "156.0.1"),
      new BrowserInfo(BrowserType.FIREFOX, "firefox", "153.0", "0.37.1"));

  private static RunInfo run(Optional<Path> baseline) {
    return new RunInfo(STARTED, 15_800, BROWSERS, "1.2.3", "ci-host", "Linux 6.8.0 (amd64)", baseline, java.util.Optional.empty());
  }

  private static void wellFormed(String html) throws Exception {
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static String section(String html, String heading) {
    Matcher m = Pattern.compile("<h2[^>]*>" + heading + "</h2>(.*?)(<h2|</body>)", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("a section %s", heading).isTrue();
    return m.group(1);
  }

  @Test
  void indexShowsCodecsPairVersionHostTimesAndLinks(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    String index = InteropReport.index(out, run(Optional.of(dir.resolve("old/baseline"))),
        List.of(Results.passedCall(), Results.failedAudioCall()));

    wellFormed(index);
    assertThat(index).contains("audio/opus, video/VP8", "pair host/host udp", "connected in 900 ms", "1 baseline change(s)")
        .contains("<dd>1.2.3</dd>", "ci-host · Linux 6.8.0 (amd64)", "chrome 156.0.1 (driver 156.0.1)")
        .contains(">30 Nov 2026, 03:12 UTC</time>", "<dd>15.8 s</dd>")
        .contains("<a href=\"report.json\">", "compared with <a href=\"../old/baseline/\">" + dir.resolve("old/baseline") + "</a>")
        .contains("failed</b></a> after 20 s", "title=\"CallflowTimeoutError: callee should hear audio within 20s\"");
    assertThat(InteropReport.index(out, run(Optional.empty()), List.of(Results.passedCall()))).contains("none given (--baseline)")
        .doesNotContain("compared with");
  }

  /** Codecs down, pairs across: not offered grey, failed red with why, changed yellow, the delay "—" until measured. */
  @Test
  void theIndexShowsTheCodecMatrix(@TempDir Path dir) throws Exception {
    String index = InteropReport.index(dir, run(Optional.empty()), List.of(Results.passedCall(), Results.codecMatrix()));

    wellFormed(index);
    assertThat(index).contains("<a href=\"#codecs\">codec matrix</a>: 2 passed, 1 failed, 1 not offered");
    String matrix = section(index, "Codec matrix");
    assertThat(matrix).contains("1 failed, 1 changed from the baseline", "<th>chrome→firefox</th>")
        .containsSubsequence("<th>video/VP9</th>", "<th>video/H264</th>", "<th>video/AV1</th>", "<th>audio/opus</th>")
        .contains("<td class=\"pass\" title=\"with only it the call failed: callee refused\"><b>VP9</b> <small>(forced first)</small>"
            + "<br/><small>negotiated video/VP9<br/>arrived video/VP9<br/>delay —</small></td>")
        .contains("<td class=\"na\">not offered by firefox</td>")
        .contains("<td class=\"fail\" title=\"no video arrived: bytesReceived stayed at 0\"><b>failed</b><br/><small>negotiated "
            + "video/AV1<br/>arrived none<br/>delay —</small><br/><small>no video arrived: bytesReceived stayed at 0</small><br/><small>"
            + "<b>baseline</b>: was 'negotiated video/AV1, arrived video/AV1'</small></td>")
        .contains("arrived audio/opus<br/>delay 87 ms");
    assertThat(InteropReport.index(dir, run(Optional.empty()), List.of(Results.passedCall()))).doesNotContain("Codec matrix");
    String page = InteropReport.page(Results.codecMatrix());
    wellFormed(page);
    assertThat(section(page, "Codecs")).contains("<th>video/AV1</th>", "not offered by firefox");
  }

  @Test
  void theJsonGivesEachCodecCell() throws Exception {
    JsonNode cells = Results.json(InteropReport.json(run(Optional.empty()), List.of(Results.codecMatrix()))).path("results").get(0)
        .path("codecMatrix");

    assertThat(cells).hasSize(4);
    assertThat(cells.get(0).toString()).isEqualTo("{\"kind\":\"video\",\"codec\":\"video/VP9\",\"status\":\"passed\","
        + "\"negotiated\":\"video/VP9\",\"arrived\":\"video/VP9\",\"mediaDelayMs\":null,\"forcedFirst\":true,"
        + "\"message\":\"with only it the call failed: callee refused\",\"baselineChange\":\"\"}");
    assertThat(cells.get(1).path("status").asText()).isEqualTo("not-offered");
    assertThat(cells.get(2).path("baselineChange").asText()).isEqualTo("was 'negotiated video/AV1, arrived video/AV1'");
    assertThat(cells.get(3).path("mediaDelayMs").asLong()).isEqualTo(87);
    assertThat(Results.json(InteropReport.json(run(Optional.empty()), List.of(Results.passedCall()))).path("results").get(0)
        .has("codecMatrix")).isFalse();
  }

  @Test
  void anAudioOnlyCallHasNoVideoCharts() throws Exception {
    String stats = section(InteropReport.page(Results.failedAudioCall()), "Stats");

    assertThat(stats).contains("audio received", "audio sent", "audio packets lost", "round-trip time", "kbit/s", "12 ms");
    assertThat(stats).doesNotContain("video");
  }

  @Test
  void theEventListIsWholeAndEachEventInFull() throws Exception {
    ScenarioResult r = Results.failedAudioCall();
    String events = section(InteropReport.page(r), "Events");

    assertThat(events.split("<div>\\+").length - 1).isEqualTo(r.events().size());
    assertThat(events).contains("+0.000s caller probe", "+1.000s caller/pc1 call createOffer([])", "a=the-last-line-of-the-offer")
        .doesNotContain("...", "earlier events");
  }

  @Test
  void aFailedScenarioPageShowsHowLongItRanAndTheLanesReachTheFailure() throws Exception {
    String page = InteropReport.page(Results.failedAudioCall());

    wellFormed(page);
    assertThat(page).contains("<b>failed</b> after 20 s", "CallflowTimeoutError: callee should hear audio within 20s");
    assertThat(section(page, "Timeline")).contains("failed +20.400 s", "caller connection: connected, +1.290 s for 19 s");
  }

  @Test
  void screenshotsEnlargeWithoutScript() {
    String shots = section(InteropReport.page(Results.failedAudioCall()), "Screenshots");

    assertThat(shots).contains("<figure class=\"shot\" id=\"shot-caller\"><a class=\"open\" href=\"#shot-caller\"",
        "src=\"data:image/png;base64,", "<a class=\"close\" href=\"#screenshots\">");
    assertThat(InteropReport.page(Results.failedAudioCall())).contains(".shot:target{position:fixed").doesNotContain("<script");
  }

  @Test
  void pagesFitNarrowScreens() {
    for (String html : List.of(InteropReport.page(Results.failedAudioCall()),
        InteropReport.index(Path.of("out"), run(Optional.empty()), List.of(Results.passedCall())))) {
      assertThat(html).contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>",
          ".scroll{overflow-x:auto", "@media (max-width:600px)");
    }
    assertThat(InteropReport.index(Path.of("out"), run(Optional.empty()), List.of(Results.passedCall())))
        .contains("<div class=\"scroll\"><table>");
    assertThat(section(InteropReport.page(Results.failedAudioCall()), "Timeline")).contains("<div class=\"scroll\"><svg");
  }

  @Test
  void writesTheJsonWithTheRunsFactsAndEachFlowsDuration(@TempDir Path dir) throws Exception {
    InteropReport.write(dir, run(Optional.of(Path.of("old/baseline"))), List.of(Results.failedAudioCall()));

    JsonNode json = Results.json(Files.readString(dir.resolve("report.json")));
    assertThat(json.path("callflowVersion").asText()).isEqualTo("1.2.3");
    assertThat(json.path("host").asText()).isEqualTo("ci-host");
    assertThat(json.path("os").asText()).isEqualTo("Linux 6.8.0 (amd64)");
    assertThat(json.path("baseline").asText()).isEqualTo("old/baseline");
    assertThat(json.path("results").get(0).path("durationMs").asLong()).isEqualTo(20_000);
    assertThat(dir.resolve("index.html")).isNotEmptyFile();
    assertThat(dir.resolve("scenarios/audio-only_chrome-firefox.html")).isNotEmptyFile();
  }
}
