package dev.callflow.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Call;
import dev.callflow.peer.Peer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** A JUnit run's report: one page in the evidence folder with every Callflow test, and each failure in full. */
class JUnitReportTest {
  /**
   * Run only by the test below: a call that passes, one that connects and then fails a wait, one whose tear-down fails
   * after its body passed. (How an aborted test reads is RunReportTest's: no browser test here skips.)
   */
  @CallflowTest
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class OneOfEach {
    @Test
    void aConnects(Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) {
      alice.call(bob).withDataChannel("chat").connect();
    }

    @Test
    void bWaitsForAMessageNobodySends(Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) {
      Call call = alice.call(bob).withAudio().withVideo().withDataChannel("chat").connect();
      call.callee().awaitInboundMedia("video", Duration.ofSeconds(10));
      call.calleeChannel("chat").awaitMessage("never sent", Duration.ofSeconds(1));
    }

    @Test
    void dPassesButItsTearDownFails(Peer alice) {}

    @AfterEach
    void tearDown(TestInfo test) {
      if (test.getTestMethod().orElseThrow().getName().startsWith("d")) {
        throw new IllegalStateException("tear-down failed");
      }
    }
  }

  private static String section(String html, String id) {
    Matcher m = Pattern.compile("<section class=\"test\" id=\"" + Pattern.quote(id) + "\">(.*?)</section>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("a section %s", id).isTrue();
    return m.group(1);
  }

  private static String row(String html, String test) {
    Matcher m = Pattern.compile("<tr id=\"row-[^\"]*\"><td>(<a [^>]*>)?" + Pattern.quote(test) + "(.*?)</tr>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("a row %s in %s", test, html).isTrue();
    return m.group(2);
  }

  @Test
  void listsEveryTestAndShowsEachFailureInFullWhereItsMessageLinks(@TempDir Path dir) throws Exception {
    Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(OneOfEach.class))
        .configurationParameter("callflow.evidenceDir", dir.toString()).execute().testEvents();

    events.assertStatistics(s -> s.succeeded(1).failed(2).aborted(0).skipped(0));
    Path index = dir.resolve("index.html");
    String html = Files.readString(index);
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    assertThat(html).contains("<b>1 passed, 2 failed</b>", "<th colspan=\"5\" class=\"class\">OneOfEach</th>").doesNotContain("aborted");

    String passed = row(html, "aConnects[chrome→firefox]");
    assertThat(passed).containsPattern("<b>passed</b>.*alice <small>chrome \\d+.*bob <small>firefox \\d+")
        .containsPattern("<td data-label=\"connected\">\\d+(\\.\\d)? m?s</td><td data-label=\"duration\">[^<]+</td>$");
    String failed = row(html, "bWaitsForAMessageNobodySends[chrome→firefox]");
    assertThat(failed).contains("<b>failed</b>", "should receive &quot;never sent&quot;").containsPattern("<td data-label=\"connected\">\\d+(\\.\\d)? m?s</td>");
    assertThat(row(html, "dPassesButItsTearDownFails[chrome]")).as("JUnit's verdict, not the body's")
        .contains("<b>failed</b>", "IllegalStateException: tear-down failed");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).as("the page is written whole, then moved").noneMatch(f -> f.endsWith(".tmp"));
    }
    assertThat(dir.resolve("OneOfEach/aConnects[chrome→firefox]")).as("a passing test leaves no evidence").doesNotExist();

    TestExecutionResult result = events.failed().list().stream().map(e -> e.getPayload(TestExecutionResult.class).orElseThrow())
        .filter(r -> r.getThrowable().orElseThrow() instanceof CallflowTestFailure).findFirst().orElseThrow();
    CallflowTestFailure failure = (CallflowTestFailure) result.getThrowable().orElseThrow();
    URI link = failure.report().orElseThrow();
    assertThat(failure.getMessage()).endsWith("\n\nEvidence: " + failure.evidence() + "\nReport: " + link);
    assertThat(Path.of(URI.create(link.toString().replaceFirst("#.*", "")))).isEqualTo(index);
    String anchor = link.getFragment();
    assertThat(anchor).isEqualTo("OneOfEach-bWaitsForAMessageNobodySends-chrome-firefox");
    assertThat(html).contains("<a href=\"#" + anchor + "\">bWaitsForAMessageNobodySends[chrome→firefox]</a>");

    String section = section(html, anchor);
    assertThat(section).contains("<b>failed</b> after ", " · connected after ", "should receive &quot;never sent&quot;", "alice: chrome ", "bob: firefox ")
        .contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lanes\"", "alice/pc1 connection", "bob/pc1 ICE connection")
        .contains("video received", "<h4>local offer</h4>", "<h4>remote answer</h4>", "m=video ", "a=fingerprint:")
        .contains("<h3>Console</h3>", "All ", " events, each in full", "alice/pc1 call createOffer");
    Matcher shot = Pattern.compile("<img alt=\"alice screenshot\" src=\"([^\"]+)\"").matcher(section);
    assertThat(shot.find()).isTrue();
    assertThat(Path.of(dir.toUri().resolve(shot.group(1)))).isEqualTo(failure.evidence().resolve("alice.png")).isNotEmptyFile();
  }
}
