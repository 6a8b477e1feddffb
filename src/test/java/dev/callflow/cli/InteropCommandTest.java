package dev.callflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main command end to end, in this JVM: real browsers, reports on disk, a baseline diff. */
class InteropCommandTest {
  private record Outcome(int status, String output) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = InteropCommand.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return new Outcome(status, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsScenariosWritesReportsAndCatchesAChangedCodecPreference(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("first");
    Outcome ok = run("--pairs", "chrome-chrome,chrome-firefox", "--scenarios", "audio-video,codec-preference", "--out", first.toString());

    assertThat(ok.status()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("[ 1/4] audio-video", "[ 4/4] codec-preference", "4 passed, 0 failed")
        .containsPattern("codec-preference +pass \\d+ms +pass \\d+ms");
    JsonNode report = new ObjectMapper().readTree(first.resolve("report.json").toFile());
    assertThat(report.path("browsers").findValuesAsText("name")).contains("chrome", "firefox");
    assertThat(report.path("browsers").findValuesAsText("version")).allMatch(v -> v.matches("\\d+\\..*"));
    JsonNode results = report.path("results");
    assertThat(results).hasSize(4);
    for (JsonNode r : results) {
      assertThat(r.path("status").asText()).as(r.toString()).isEqualTo("passed");
      assertThat(r.path("caller").asText()).isEqualTo("chrome");
      assertThat(r.path("callee").asText()).isIn("chrome", "firefox");
      assertThat(r.path("connectedMs").asLong()).isPositive();
      assertThat(r.path("candidateTypes").asText()).isEqualTo("host/host udp");
      assertThat(r.path("message").asText()).isEmpty();
      assertThat(first.resolve(r.path("page").asText())).isNotEmptyFile();
    }
    assertThat(results.get(0).path("codecs").toString()).contains("audio/opus");
    assertThat(results.get(2).path("codecs").toString()).contains("video/VP9");
    assertThat(first.resolve("baseline/codec-preference/chrome-firefox.answer.sdp")).isNotEmptyFile();
    try (Stream<Path> pages = Files.walk(first)) {
      List<Path> html = pages.filter(p -> p.toString().endsWith(".html")).toList();
      assertThat(html).hasSize(5);
      for (Path page : html) {
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile()); // well formed, or it throws
        // Self-contained: nothing to load from anywhere.
        assertThat(Files.readString(page)).doesNotContainPattern("(src|href)=\"(https?:|//)").contains("</html>");
      }
    }

    Outcome changed = run("--pairs", "chrome-chrome", "--scenarios", "codec-preference", "--prefer-codec", "VP8",
        "--baseline", first.resolve("baseline").toString(), "--out", dir.resolve("second").toString());

    assertThat(changed.status()).as(changed.output()).isEqualTo(1);
    assertThat(changed.output()).contains("2 baseline change(s)", "1 with baseline changes", "offer m=video (mid 0): codec order changed from [VP9/90000");
    JsonNode second = new ObjectMapper().readTree(dir.resolve("second/report.json").toFile());
    assertThat(second.path("results").get(0).path("baselineChanges").toString()).contains("codec order changed");
    assertThat(second.path("summary").path("baselineChanges").asInt()).isPositive();
  }

  @Test
  void badArgumentsSayWhatWasWrong() {
    Outcome unknown = run("--scenarios", "no-such-flow");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.output()).contains("unknown scenario(s) [no-such-flow]; known: audio-video, data-channel");
    Outcome browser = run("--browsers", "safari");
    assertThat(browser.status()).isEqualTo(2);
    assertThat(browser.output()).contains("unknown browser 'safari' (chrome or firefox)", "Usage: ci/interop.sh");
  }
}
