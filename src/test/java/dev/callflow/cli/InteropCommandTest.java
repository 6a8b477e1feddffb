package dev.callflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callflow.interop.CodecBaseline;
import dev.callflow.interop.CodecCell;
import dev.callflow.report.RunInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main command end to end, in this JVM: real browsers, reports on disk, a baseline diff. */
class InteropCommandTest {
  /** What the command printed and returned. */
  record Outcome(int status, String output) {}

  /** Runs the command in this JVM, as the interop tests of this package do. */
  static Outcome run(String... args) {
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

  /**
   * The codec matrix of all four pairs: each codec both browsers offer negotiated and arrived, one only one offers a
   * "not offered" cell in both directions naming the same browser; then a cell changed in the baseline is a regression.
   */
  @Test
  void theCodecMatrixOfEachPairAndAChangedCellIsARegression(@TempDir Path dir) throws Exception {
    Path first = dir.resolve("first");
    Outcome ok = run("--pairs", "chrome-firefox,firefox-chrome,chrome-chrome,firefox-firefox", "--scenarios", "data-channel", "--codecs",
        "--out", first.toString());

    assertThat(ok.status()).as(ok.output()).isZero();
    assertThat(ok.output()).contains("8 passed, 0 failed").containsPattern("codec +chrome→firefox +firefox→chrome +chrome→chrome +firefox→firefox")
        .containsPattern("audio/opus +ok +ok +ok +ok");
    JsonNode report = new ObjectMapper().readTree(first.resolve("report.json").toFile());
    Map<String, Map<String, JsonNode>> byPair = new java.util.LinkedHashMap<>();
    for (JsonNode r : report.path("results")) {
      if (r.path("scenario").asText().equals("codecs")) {
        Map<String, JsonNode> cells = new java.util.LinkedHashMap<>();
        r.path("codecMatrix").forEach(c -> cells.put(c.path("codec").asText().toLowerCase(java.util.Locale.ROOT), c));
        byPair.put(r.path("caller").asText() + "-" + r.path("callee").asText(), cells);
      }
    }
    assertThat(byPair).containsOnlyKeys("chrome-firefox", "firefox-chrome", "chrome-chrome", "firefox-firefox");
    byPair.forEach((pair, cells) -> {
      assertThat(cells).as(pair).containsKeys("video/vp8", "video/vp9", "audio/opus", "audio/g722", "audio/pcmu", "audio/pcma");
      cells.forEach((codec, c) -> {
        assertThat(c.path("status").asText()).as(pair + " " + c).isIn("passed", "not-offered");
        if (c.path("status").asText().equals("passed")) {
          assertThat(c.path("negotiated").asText()).as(pair + " " + codec).isEqualToIgnoringCase(codec);
          assertThat(c.path("arrived").asText()).as(pair + " " + codec).isEqualToIgnoringCase(codec);
          // Measured from the synthetic media's stamps: every video cell; audio where the receiving page's clock kept time.
          if (codec.startsWith("video/")) {
            assertThat(c.path("mediaDelayMs").asLong(-1)).as(pair + " " + codec + " delay, ms").isBetween(0L, 5_000L);
          } else if (!c.path("mediaDelayMs").isNull()) {
            assertThat(c.path("mediaDelayMs").asLong(-1)).as(pair + " " + codec + " delay, ms").isBetween(0L, 1_000L);
          }
        } else {
          assertThat(pair).as("a browser paired with itself offers what it offers").isIn("chrome-firefox", "firefox-chrome");
        }
      });
    });
    // The same two browsers in either direction: the same codecs, the same browser lacking each one only one offers.
    assertThat(byPair.get("firefox-chrome").keySet()).isEqualTo(byPair.get("chrome-firefox").keySet());
    byPair.get("chrome-firefox").forEach((codec, c) -> {
      JsonNode back = byPair.get("firefox-chrome").get(codec);
      assertThat(back.path("status").asText()).as(codec).isEqualTo(c.path("status").asText());
      if (c.path("status").asText().equals("not-offered")) {
        assertThat(back.path("message").asText()).as(codec).isEqualTo(c.path("message").asText()).matches("not offered by (chrome|firefox)");
      }
    });
    String index = Files.readString(first.resolve("index.html"));
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(first.resolve("index.html").toFile());
    assertThat(index).contains("<h2 id=\"codecs\">Codec matrix</h2>", "<th>video/VP9</th>").containsPattern("delay \\d+ ms");
    Path baseline = first.resolve("baseline/codecs/chrome-firefox.codecs.json");
    assertThat(baseline).isNotEmptyFile();

    // The baseline had VP9 fall back to VP8: this run's VP9 is a change.
    List<CodecCell> cells = CodecBaseline.load(baseline).stream().map(c -> !c.codec().equalsIgnoreCase("video/VP9") ? c
        : CodecCell.failed("video", c.codec(), "video/VP8", "video/VP8", "the answer negotiated video/VP8")).toList();
    CodecBaseline.save(baseline, cells);
    Outcome changed = run("--pairs", "chrome-firefox", "--scenarios", "codecs", "--baseline", first.resolve("baseline").toString(),
        "--out", dir.resolve("second").toString());

    assertThat(changed.status()).as(changed.output()).isEqualTo(1);
    assertThat(changed.output()).contains("1 passed, 0 failed", "1 with baseline changes",
        "codec video/VP9: was 'FAILED: negotiated video/VP8, arrived video/VP8', now 'negotiated video/VP9, arrived video/VP9")
        .containsPattern("video/VP9 +ok.* Δ");
    JsonNode second = new ObjectMapper().readTree(dir.resolve("second/report.json").toFile()).path("results").get(0);
    assertThat(second.path("baselineChanges").toString()).contains("codec video/VP9: was");
    for (JsonNode c : second.path("codecMatrix")) {
      assertThat(c.path("baselineChange").asText()).as(c.toString())
          .isEqualTo(c.path("codec").asText().equals("video/VP9") ? "was 'FAILED: negotiated video/VP8, arrived video/VP8'" : "");
    }
    assertThat(Files.readString(dir.resolve("second/index.html"))).contains("0 failed, 1 changed from the baseline",
        "<b>baseline</b>: was 'FAILED: negotiated video/VP8, arrived video/VP8'");
  }

  /**
   * Each pair in a network of its own: between symmetric NATs only the network's TURN server connects the calls, and
   * each cell, the console and the report say which pair the call took.
   */
  @Test
  void aNetworkPlacesEachPairAndTheReportNamesTheCandidatePair(@TempDir Path dir) throws Exception {
    Outcome run = run("--pairs", "chrome-firefox,firefox-chrome", "--scenarios", "data-channel", "--network", "symmetric-nat",
        "--out", dir.toString());

    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("each in a network symmetric-nat", "2 passed, 0 failed").containsPattern("connected in \\d+ ms \\(relay/");
    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(report.path("network").asText()).isEqualTo("symmetric-nat");
    for (JsonNode r : report.path("results")) {
      // The callee's end is a relay candidate, or the caller's relay address seen as a peer-reflexive one.
      assertThat(r.path("candidateTypes").asText()).as(r.path("caller").asText() + "→" + r.path("callee").asText()).matches("(relay/\\w+|\\w+/relay) udp");
    }
    assertThat(Files.readString(dir.resolve("index.html"))).contains("symmetric-nat (each pair in a network of namespaces");
  }

  /** A mistake is one line naming the option and its value, a hint to --help, and status 2; no browser starts. */
  private static void rejected(String expected, String... args) {
    Outcome outcome = run(args);
    assertThat(outcome.status()).as(outcome.output()).isEqualTo(2);
    assertThat(outcome.output()).isEqualTo("interop: " + expected + " (see ci/interop.sh --help)" + System.lineSeparator());
  }

  @Test
  void badArgumentsSayWhatWasWrong() {
    rejected("--scenarios no-such-flow: unknown scenario(s) [no-such-flow]; known: audio-video, data-channel, add-video, "
        + "ice-restart, receive-only, codec-preference, hangup-recall, glare, simulcast, encoding-params, dtmf, screen-share, codecs", "--scenarios", "no-such-flow");
    rejected("--codecs: given twice", "--codecs", "--codecs");
    rejected("VP9: unexpected argument", "--codecs", "VP9");
    rejected("--browsers safari: unknown browser 'safari' (chrome or firefox)", "--browsers", "safari");
    rejected("--browsers chrome,: unknown browser '' (chrome or firefox)", "--browsers", "chrome,");
    rejected("--pairs chrome: 'chrome' is not a pair caller-callee, e.g. chrome-firefox", "--pairs", "chrome");
    rejected("--pairs chrome-firefox-chrome: 'chrome-firefox-chrome' is not a pair caller-callee, e.g. chrome-firefox",
        "--pairs", "chrome-firefox-chrome");
    rejected("--pairs chrome-safari: unknown browser 'safari' (chrome or firefox)", "--pairs", "chrome-safari");
    rejected("--pairs: cannot be combined with --browsers (--pairs names every browser itself)",
        "--browsers", "chrome", "--pairs", "chrome-firefox");
    rejected("--prefer-codec VP10: unknown video codec (VP8, VP9, H264, H265, AV1)", "--prefer-codec", "VP10");
    rejected("--out: needs a value", "--out");
    rejected("--out: needs a value", "--out", "--headed");
    rejected("--out '': empty path", "--out", "");
    rejected("--out: given twice", "--out", "a", "--out", "b");
    rejected("--network lan: unknown network (one-link, cone-nat, symmetric-nat, tcp-443-firewall)", "--network", "lan");
    rejected("--colour: unknown option", "--colour");
    rejected("extra: unexpected argument", "extra");
  }

  @Test
  void anOutputFolderThatCannotBeWrittenIsRejectedBeforeAnyBrowserStarts(@TempDir Path dir) throws Exception {
    rejected("--out /proc/x: cannot create the folder: no such file or folder", "--out", "/proc/x");
    Path file = Files.writeString(dir.resolve("report"), "not a folder");
    rejected("--out " + file + ": a file, not a folder", "--out", file.toString());
    rejected("--out " + file.resolve("sub") + ": cannot create the folder: Not a directory", "--out", file.resolve("sub").toString());
  }

  @Test
  void aBaselineFolderMustExistAndHoldBaselines(@TempDir Path dir) throws Exception {
    String out = dir.resolve("out").toString();
    rejected("--baseline " + dir.resolve("missing") + ": no such folder", "--out", out, "--baseline", dir.resolve("missing").toString());
    Path file = Files.writeString(dir.resolve("baseline.sdp"), "v=0");
    rejected("--baseline " + file + ": a file, not a folder", "--out", out, "--baseline", file.toString());
    Path report = Files.createDirectories(dir.resolve("previous/baseline/audio-video")).getParent().getParent();
    rejected("--baseline " + report + ": holds no baseline of the chosen scenarios; did you mean " + report.resolve("baseline") + "?",
        "--out", out, "--baseline", report.toString());
  }

  @Test
  void reportsThatCannotBeWrittenAreOneLineAndStatusOne(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("out"), "a file where the reports should go");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    RunInfo run = new RunInfo(java.time.Instant.now(), 0, List.of(), "development", "host", "Linux", java.util.Optional.empty(), java.util.Optional.empty());
    int status = InteropCommand.finish(file, run, List.of(), new PrintStream(bytes, true, StandardCharsets.UTF_8));

    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(status).isEqualTo(1);
    assertThat(output).endsWith("interop: Cannot write the interop report to " + file + ": " + file.resolve("scenarios")
        + ": Not a directory" + System.lineSeparator()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void theVersionComesFromTheJarsManifestAndIsDevelopmentFromClasses() {
    assertThat(InteropCommand.class.getPackage().getImplementationVersion()).as("run from target/classes").isNull();
    assertThat(InteropCommand.callflowVersion(InteropCommand.class.getPackage().getImplementationVersion())).isEqualTo("development");
    assertThat(InteropCommand.callflowVersion(" ")).isEqualTo("development");
    assertThat(InteropCommand.callflowVersion("0.1.0")).isEqualTo("0.1.0");
  }

  @Test
  void helpListsTheOptions() {
    Outcome help = run("--out", "/proc/x", "--help");
    assertThat(help.status()).isZero();
    assertThat(help.output()).startsWith("Usage: ci/interop.sh").contains("--baseline DIR", "VP8, VP9, H264, H265, AV1",
        "--network NAME", "one-link, cone-nat, symmetric-nat, tcp-443-firewall");
  }
}
