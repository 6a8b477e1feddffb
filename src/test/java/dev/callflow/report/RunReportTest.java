package dev.callflow.report;

import static dev.callflow.report.Results.ms;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.browser.BrowserInfo;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.SessionDescription;
import dev.callflow.stats.StatsSeries;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The run report's page from tests made here, no browser: rows, each failure's section, anchors, and safe writing. */
class RunReportTest {
  private static final Map<String, BrowserInfo> BROWSERS = new LinkedHashMap<>();

  static {
    BROWSERS.put("caller", new BrowserInfo(BrowserType.CHROME, "chrome", "156.0.1", "156.0.1"));
    BROWSERS.put("callee", new BrowserInfo(BrowserType.FIREFOX, "firefox", "153.0", "0.37.1"));
  }

  private static void wellFormed(String html) throws Exception {
    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static String section(String html, String id) {
    Matcher m = Pattern.compile("<section class=\"test\" id=\"" + Pattern.quote(id) + "\">(.*?)</section>", Pattern.DOTALL).matcher(html);
    assertThat(m.find()).as("a section %s", id).isTrue();
    return m.group(1);
  }

  /** The evidence of the audio call of {@link Results}, failed at 20.4 s, written to its folder under {@code root}. */
  private static Evidence evidence(Path root, String testClass, String testName) throws Exception {
    Path folder = Evidence.folderFor(root, testClass, testName);
    Files.createDirectories(folder);
    Path shot = folder.resolve("caller.png");
    Files.write(shot, Results.png());
    List<PeerEvent> events = Results.audioCallEvents();
    Evidence.Connection caller = new Evidence.Connection("pc1", "d1", SessionDescription.offer("v=0\r\na=the-offer\r\n"),
        SessionDescription.answer("v=0\r\na=the-answer\r\n"), Results.audioOnlyStats(), null);
    Evidence.Connection callee = new Evidence.Connection("pc1", "d1", null, null, StatsSeries.of(List.of()), "the browser is gone");
    return new Evidence(folder, new AssertionError("callee should hear audio within 20s"), ms(20_400), List.of(
        new Evidence.Capture("caller", BROWSERS.get("caller"), List.of("hello from the caller"),
            events.stream().filter(e -> e.peer().equals("caller")).toList(), shot, List.of(caller)),
        new Evidence.Capture("callee", BROWSERS.get("callee"), List.of(),
            events.stream().filter(e -> e.peer().equals("callee")).toList(), null, List.of(callee))));
  }

  @Test
  void timeToConnectedCountsFromTheFirstEventToTheFirstConnectedConnection() {
    assertThat(RunReport.connectedMs(Results.audioCallEvents())).isEqualTo(1290);
    assertThat(RunReport.connectedMs(Results.audioCallEvents().subList(0, 8))).as("never connected").isEqualTo(-1);
    assertThat(RunReport.connectedMs(List.of())).isEqualTo(-1);
  }

  @Test
  void listsEveryTestByClassWithItsResultBrowsersTimeToConnectedAndDuration(@TempDir Path dir) throws Exception {
    RunReport report = new RunReport(dir, Instant.parse("2026-11-30T03:12:45Z"));
    URI link = report.failed("id-2", "CallTest", "fails[chrome→firefox]", evidence(dir, "CallTest", "fails[chrome→firefox]"));
    report.finished("id-1", "CallTest", "connects[chrome→firefox]", BROWSERS, Results.audioCallEvents(), null, Duration.ofMillis(3200));
    report.finished("id-2", "CallTest", "fails[chrome→firefox]", BROWSERS, Results.audioCallEvents(),
        new AssertionError("callee should hear audio within 20s\nLast seen: ..."), Duration.ofMillis(21_000));
    report.finished("id-3", "OtherTest", "skips[chrome]", Map.of("alice", BROWSERS.get("caller")), List.of(),
        new TestAbortedException("not on this machine"), Duration.ofMillis(120));

    String html = Files.readString(dir.resolve("index.html"));
    wellFormed(html);
    assertThat(html).contains("<b>1 passed, 1 failed</b>, 1 aborted", ">30 Nov 2026, 03:12 UTC</time>",
        "chrome 156.0.1 (driver 156.0.1)<br/>firefox 153.0 (driver 0.37.1)");
    assertThat(html.indexOf("class=\"class\">CallTest</th>")).isLessThan(html.indexOf("connects[chrome→firefox]"))
        .isLessThan(html.indexOf("class=\"class\">OtherTest</th>"));
    assertThat(html).contains("<tr id=\"row-CallTest-connects-chrome-firefox\"><td>connects[chrome→firefox]</td><td class=\"pass\"><b>passed"
        + "</b></td><td>caller <small>chrome 156.0.1</small><br/>callee <small>firefox 153.0</small></td>"
        + "<td data-label=\"connected\">1290 ms</td><td data-label=\"duration\">3.2 s</td></tr>");
    assertThat(html).contains("<td><a href=\"#CallTest-fails-chrome-firefox\">fails[chrome→firefox]</a></td><td class=\"fail\" "
        + "title=\"callee should hear audio within 20s\"><b>failed</b><br/><small>callee should hear audio within 20s</small>");
    assertThat(html).contains("<td>skips[chrome]</td><td class=\"abort\" title=\"TestAbortedException: not on this machine\"><b>aborted</b>",
        "<td data-label=\"connected\">—</td><td data-label=\"duration\">120 ms</td>");
    assertThat(link).isEqualTo(URI.create(dir.resolve("index.html").toUri() + "#CallTest-fails-chrome-firefox"));
    assertThat(section(html, "CallTest-fails-chrome-firefox")).contains("<b>failed</b> after 21 s · connected after 1290 ms");
    assertThat(html).as("a passing test has no section").doesNotContain("id=\"CallTest-connects-chrome-firefox\"");
  }

  @Test
  void aFailuresSectionHasItsLanesStatsSdpsScreenshotsConsoleAndEveryEvent(@TempDir Path dir) throws Exception {
    RunReport report = new RunReport(dir, Instant.now());
    Evidence evidence = evidence(dir, "CallTest", "fails[chrome→firefox]");
    report.failed("id", "CallTest", "fails[chrome→firefox]", evidence);
    report.finished("id", "CallTest", "fails[chrome→firefox]", BROWSERS, Results.audioCallEvents(), evidence.failure(), Duration.ofSeconds(21));

    String html = Files.readString(dir.resolve("index.html"));
    wellFormed(html);
    String section = section(html, "CallTest-fails-chrome-firefox");
    assertThat(section).contains("<pre class=\"message\">callee should hear audio within 20s</pre>")
        .contains("<a href=\"CallTest/fails%5Bchrome%E2%86%92firefox%5D/\">CallTest/fails[chrome→firefox]/</a>",
            "<a href=\"CallTest/fails%5Bchrome%E2%86%92firefox%5D/failure.txt\">failure.txt</a>")
        .contains("caller: chrome 156.0.1 (driver 156.0.1)<br/>callee: firefox 153.0 (driver 0.37.1)");
    // Lanes per connection, up to the failure.
    assertThat(section).contains("caller/pc1 connection: connected, +1.290 s for 19 s", "callee/pc1 signaling", "failed +20.400 s");
    // Charts of what the evidence sampled; none for a connection whose browser did not answer.
    assertThat(section).contains("<h4>caller/pc1</h4><div class=\"charts\">", "audio received", "kbit/s")
        .doesNotContain("<h4>callee/pc1</h4><div class=\"charts\">");
    assertThat(section).contains("<h4>local offer</h4><pre>v=0\na=the-offer</pre>", "<h4>remote answer</h4><pre>v=0\na=the-answer</pre>",
        "The browser did not answer: the browser is gone", "<h4>local</h4><pre>(none)</pre>");
    // The screenshot is the evidence's file, linked; it enlarges without script, and its ids are the section's.
    assertThat(section).contains("<figure class=\"shot\" id=\"CallTest-fails-chrome-firefox-shot-caller\">",
        "src=\"CallTest/fails%5Bchrome%E2%86%92firefox%5D/caller.png\"", "href=\"#CallTest-fails-chrome-firefox-screenshots\"")
        .doesNotContain("data:image/png");
    assertThat(section).contains("<h4>caller</h4><pre class=\"wrap\">hello from the caller</pre>",
        "<h4>callee</h4><pre class=\"wrap\">(nothing logged)</pre>");
    assertThat(section).contains("All " + Results.audioCallEvents().size() + " events, each in full", "+1.000s caller/pc1 call createOffer([])",
        "a=the-last-line-of-the-offer");
    assertThat(html).doesNotContain("<script");
  }

  @Test
  void aConnectionInEachOfTwoPagesHasLanesOfItsOwn(@TempDir Path dir) throws Exception {
    List<PeerEvent> events = List.of(new PeerEvent("alice", "d1", "pc1", 1, 0, ms(100), EventKind.CONNECTION_STATE_CHANGE,
        Results.json("{\"state\":\"failed\"}")), new PeerEvent("alice", "d2", "pc1", 1, 0, ms(900), EventKind.CONNECTION_STATE_CHANGE,
        Results.json("{\"state\":\"connected\"}")));
    Evidence evidence = new Evidence(dir.resolve("T/t"), new AssertionError("x"), ms(1000), List.of(new Evidence.Capture("alice",
        BROWSERS.get("caller"), List.of(), events, null, List.of())));

    String section = FailureSection.render(dir, "T-t", evidence);
    assertThat(section).contains("alice/pc1 (d1) connection: failed", "alice/pc1 (d2) connection: connected", "None: no browser could take one");
  }

  @Test
  void anchorsStayUniqueAndTheLinkPointsAtTheSection(@TempDir Path dir) throws Exception {
    RunReport report = new RunReport(dir, Instant.now());
    URI first = report.failed("a", "T", "x[chrome→firefox]", evidence(dir, "T", "x[chrome→firefox]"));
    URI second = report.failed("b", "T", "x[chrome-firefox]", evidence(dir, "T", "x[chrome-firefox]"));
    report.finished("a", "T", "x[chrome→firefox]", BROWSERS, List.of(), new AssertionError("one"), Duration.ZERO);
    report.finished("b", "T", "x[chrome-firefox]", BROWSERS, List.of(), new AssertionError("two"), Duration.ZERO);

    assertThat(first.getFragment()).isEqualTo("T-x-chrome-firefox");
    assertThat(second.getFragment()).isEqualTo("T-x-chrome-firefox-2");
    String html = Files.readString(dir.resolve("index.html"));
    assertThat(section(html, "T-x-chrome-firefox")).contains("one");
    assertThat(section(html, "T-x-chrome-firefox-2")).contains("two");
  }

  @Test
  void aTestThatFailsAfterItsBodyIsShownFailed(@TempDir Path dir) throws Exception {
    RunReport report = new RunReport(dir, Instant.now());
    report.finished("a", "T", "passes", BROWSERS, List.of(), null, Duration.ZERO);
    report.finished("b", "T", "fails", BROWSERS, List.of(), new AssertionError("in the body"), Duration.ZERO);

    report.settled("a", new AssertionError("in @AfterEach"));
    report.settled("b", new AssertionError("in @AfterEach"));
    report.settled("unknown", new AssertionError("not a Callflow test"));

    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html).contains("<b>0 passed, 2 failed</b>", "<small>in @AfterEach</small>", "<small>in the body</small>")
        .doesNotContain("not a Callflow test");
  }

  @Test
  void parallelTestsLeaveAWholePageWithEveryRow(@TempDir Path dir) throws Exception {
    RunReport report = new RunReport(dir, Instant.now());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        String name = "t" + i;
        done.add(pool.submit(() -> report.finished(name, "T", name, BROWSERS, Results.audioCallEvents(), null, Duration.ofMillis(5))));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    String html = Files.readString(dir.resolve("index.html"));
    wellFormed(html);
    assertThat(html).contains("<b>80 passed, 0 failed</b>");
    try (var files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString())).as("the page and its lock, no temporary file").containsExactlyInAnyOrder("index.html", ".index.html.lock");
    }
  }

  @Test
  void twoTestsThatNameTheSameFolderEachGetOneOfTheirOwn(@TempDir Path dir) {
    RunReport report = new RunReport(dir, Instant.now());
    // Two @RepeatedTest methods of one class, or classes of one simple name in two packages, name the same folder.
    Path first = report.evidenceFolder("[method:a()]/[test-template-invocation:#1]", "T", "repetition 1 of 2");
    Path second = report.evidenceFolder("[method:b()]/[test-template-invocation:#1]", "T", "repetition 1 of 2");
    Path third = report.evidenceFolder("[method:c()]/[test-template-invocation:#1]", "T", "repetition 1 of 2");

    assertThat(first).isEqualTo(dir.toAbsolutePath().resolve("T/repetition_1_of_2"));
    assertThat(second).isEqualTo(dir.toAbsolutePath().resolve("T/repetition_1_of_2-2"));
    assertThat(third).isEqualTo(dir.toAbsolutePath().resolve("T/repetition_1_of_2-3"));
    assertThat(report.evidenceFolder("[method:b()]/[test-template-invocation:#1]", "T", "repetition 1 of 2"))
        .as("the same test, the same folder").isEqualTo(second);
  }

  @Test
  void oneReportPerFolder(@TempDir Path dir) {
    assertThat(RunReport.in(dir)).isSameAs(RunReport.in(dir.resolve("x/..")));
    assertThat(RunReport.in(dir.resolve("other"))).isNotSameAs(RunReport.in(dir));
    assertThat(RunReport.in(dir).file()).isEqualTo(dir.toAbsolutePath().resolve("index.html"));
  }

  @Test
  void eachJvmOfABuildWritesAPageOfItsOwnInOneFolder(@TempDir Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process fork = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OtherFork.class.getName(), dir.toString())
        .redirectErrorStream(true).start();
    try {
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(fork.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).as("the other JVM wrote its page").isEqualTo("WROTE");

      RunReport report = RunReport.in(dir);
      report.finished("id-1", "ThisForkTest", "connects[chrome→firefox]", BROWSERS, Results.audioCallEvents(), null, Duration.ofMillis(3200));

      assertThat(report.file()).isEqualTo(dir.resolve("index-2.html"));
      assertThat(Files.readString(dir.resolve("index.html"))).contains("OtherForkTest").doesNotContain("ThisForkTest");
      assertThat(Files.readString(dir.resolve("index-2.html"))).contains("ThisForkTest").doesNotContain("OtherForkTest");
    } finally {
      fork.getOutputStream().close();
      fork.waitFor();
    }
  }

  /** Another JVM of the build: writes a page, then holds it until its standard input closes. */
  public static final class OtherFork {
    public static void main(String[] args) throws Exception {
      RunReport.in(Path.of(args[0])).finished("id-1", "OtherForkTest", "connects[chrome→firefox]", BROWSERS, Results.audioCallEvents(),
          null, Duration.ofMillis(1000));
      System.out.println("WROTE");
      System.in.read();
    }
  }
}
