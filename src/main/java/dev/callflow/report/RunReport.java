package dev.callflow.report;

import dev.callflow.browser.BrowserInfo;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opentest4j.TestAbortedException;

/**
 * The page of a test run, {@code index.html} in the evidence folder: every test that had peers with its
 * result, browsers, time to connected and duration, and for each failure the swim lanes of its connections,
 * their stats, SDPs, screenshots, console and every event, next to its evidence. The page is written again
 * as each test finishes, so a run that stops half way still leaves one; it opens from disk with no network
 * (inline CSS and SVG, screenshots linked from the evidence folders beside it).
 *
 * <pre>{@code
 * RunReport report = RunReport.in(Path.of("target/callflow"));
 * Evidence evidence = Evidence.write(folder, peers, failure);
 * URI link = report.failed(id, "CallTest", "connects[chrome→firefox]", evidence);  // file:///…/index.html#CallTest-connects-chrome-firefox
 * report.finished(id, "CallTest", "connects[chrome→firefox]", peers, failure, Duration.ofSeconds(3));
 * }</pre>
 *
 * <p>A test is known by an id that tells it from every other of the run (JUnit's unique id, say) and shown
 * by its class and name.
 *
 * <p>One report stands for one folder in a JVM, however many JUnit runs write into it (JUnit's own
 * test kit starts runs inside a run); it is safe to use from parallel tests, and its file is replaced
 * whole, never seen half written.
 */
public final class RunReport {
  private static final Map<Path, RunReport> REPORTS = new ConcurrentHashMap<>();

  /** How a test ended. */
  enum Result {
    PASSED("passed", "pass"), FAILED("failed", "fail"), ABORTED("aborted", "abort");

    private final String word;
    private final String css;

    Result(String word, String css) {
      this.word = word;
      this.css = css;
    }

    static Result of(Throwable failure) {
      return failure == null ? PASSED : failure instanceof TestAbortedException ? ABORTED : FAILED;
    }
  }

  /**
   * One test's line.
   *
   * @param browsers each peer's browser, by peer name, in the test's order
   * @param connectedMs from the test's first event to the first connection's 'connected', or -1
   * @param message the failure's or abort's first line, or empty
   */
  private record Row(String id, String testClass, String testName, Result result, String message, Map<String, BrowserInfo> browsers,
      long connectedMs, long durationMs) {}

  private final Path folder;
  private final Instant started;
  private final Map<String, Row> rows = new LinkedHashMap<>();
  private final Map<String, String> anchors = new ConcurrentHashMap<>();
  private final Set<String> anchorsTaken = new HashSet<>();
  /** Guarded by this: each evidence folder handed out, and the test it is for. */
  private final Map<Path, String> evidenceFolders = new HashMap<>();
  /** The failures' sections, rendered while the peers were still open, less the heading that says how the test ended. */
  private final Map<String, String> sections = new ConcurrentHashMap<>();
  /** Guarded by this: the page's file name in the folder, once claimed. */
  private String pageName;

  RunReport(Path folder, Instant started) {
    this.folder = folder;
    this.started = started;
  }

  /**
   * {@return the report of this folder, the same for every caller in this JVM}
   *
   * @param folder the evidence folder, e.g. the configured {@code callflow.evidenceDir}
   */
  public static RunReport in(Path folder) {
    return REPORTS.computeIfAbsent(folder.toAbsolutePath().normalize(), f -> new RunReport(f, Instant.now()));
  }

  /**
   * {@return a failed test's evidence folder, {@code <folder>/<test class>/<test name>}, its own in this run}
   * Two tests of a run whose class and name give the same folder (classes of one simple name in two packages, two
   * {@code @RepeatedTest} methods of a class) would write into one, at the same time if they run in parallel:
   * the second gets {@code -2} added, the third {@code -3}. The same test gets the same folder again.
   *
   * @param id what tells the test from every other of the run, e.g. JUnit's unique id
   * @param testClass the test class's simple name
   * @param testName the test's name with its browsers, e.g. {@code connects[chrome→firefox]}
   */
  public synchronized Path evidenceFolder(String id, String testClass, String testName) {
    Path base = Evidence.folderFor(folder, testClass, testName);
    Path candidate = base;
    for (int n = 2; ; n++) {
      String owner = evidenceFolders.putIfAbsent(candidate, id);
      if (owner == null || owner.equals(id)) {
        return candidate;
      }
      candidate = base.resolveSibling(base.getFileName() + "-" + n);
    }
  }

  /**
   * {@return the page: {@code index.html} in the folder} Several JVMs of one build (Surefire's {@code forkCount} above 1)
   * write into one folder: while one of them holds {@code index.html}, the next gets {@code index-2.html}, and so on.
   */
  public synchronized Path file() {
    if (pageName == null) {
      pageName = claimPage();
    }
    return folder.resolve(pageName);
  }

  /**
   * The first page name no other report holds, by a lock on a file beside it: the lock is held as long as this JVM runs
   * (the operating system ends it with the JVM), so a page is never written by two JVMs.
   */
  private String claimPage() {
    try {
      Files.createDirectories(folder);
      for (int n = 1; ; n++) {
        String name = n == 1 ? "index.html" : "index-" + n + ".html";
        FileChannel channel = FileChannel.open(folder.resolve("." + name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
          lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null; // another report of this JVM holds it
        }
        if (lock != null) {
          return name; // the channel stays open, holding the lock
        }
        channel.close();
      }
    } catch (IOException e) {
      return "index.html"; // no locks here: one page, as if one JVM wrote it
    }
  }

  /**
   * Adds a failure's section, drawn from its evidence: call it while the test's peers are open, before
   * {@link #finished}, which writes the page.
   *
   * @param id what tells the test from every other of the run, e.g. JUnit's unique id
   * @param testClass the test class's simple name
   * @param testName the test's name with its browsers, e.g. {@code connects[chrome→firefox]}
   * @param evidence what {@link Evidence#write} wrote for the failure
   * @return the link to the section, e.g. {@code file:///…/target/callflow/index.html#CallTest-connects-chrome-firefox}
   */
  public URI failed(String id, String testClass, String testName, Evidence evidence) {
    String anchor = anchor(id, testClass, testName);
    sections.put(id, FailureSection.render(folder, anchor, evidence));
    return URI.create(file().toUri() + "#" + anchor);
  }

  /**
   * Records how a test with peers ended and writes the page again. Only what Java already holds is read
   * (names, browsers, events): no screenshot, no stats.
   *
   * @param id what tells the test from every other of the run, as given to {@link #failed}
   * @param testClass the test class's simple name
   * @param testName the test's name with its browsers
   * @param peers the test's peers
   * @param failure what the test threw ({@code TestAbortedException} for an abort), or null if it passed
   * @param duration how long it ran
   * @throws UncheckedIOException if the page cannot be written
   */
  public void finished(String id, String testClass, String testName, List<Peer> peers, Throwable failure, Duration duration) {
    Map<String, BrowserInfo> browsers = new LinkedHashMap<>();
    List<PeerEvent> events = new ArrayList<>();
    for (Peer peer : peers) {
      browsers.put(peer.name(), peer.browser());
      events.addAll(peer.events());
    }
    finished(id, testClass, testName, browsers, events, failure, duration);
  }

  /** {@link #finished(String, String, String, List, Throwable, Duration)} from what it reads of the peers. */
  void finished(String id, String testClass, String testName, Map<String, BrowserInfo> browsers, List<PeerEvent> events,
      Throwable failure, Duration duration) {
    anchor(id, testClass, testName);
    synchronized (this) {
      rows.put(id, new Row(id, testClass, testName, Result.of(failure), firstLine(failure),
          Collections.unmodifiableMap(new LinkedHashMap<>(browsers)),
          connectedMs(events), duration.toMillis()));
      write();
    }
  }

  /**
   * Gives a test recorded as passed the outcome JUnit settled on, when something after its body failed
   * or aborted it (an {@code @AfterEach} method, another extension), and writes the page again; does
   * nothing for a test not recorded or not recorded as passed.
   *
   * @param id what tells the test from every other of the run, as given to {@link #finished}
   * @param failure what JUnit reports the test failed or was aborted with
   * @throws UncheckedIOException if the page cannot be written
   */
  public synchronized void settled(String id, Throwable failure) {
    Row row = rows.get(id);
    if (row == null || row.result() != Result.PASSED || Result.of(failure) == Result.PASSED) {
      return;
    }
    rows.put(id, new Row(id, row.testClass(), row.testName(), Result.of(failure), firstLine(failure),
        row.browsers(), row.connectedMs(), row.durationMs()));
    write();
  }

  /** A test's anchor on the page: its class and name in letters, digits, {@code .}, {@code _} and {@code -}; unique on the page. */
  private String anchor(String id, String testClass, String testName) {
    return anchors.computeIfAbsent(id, k -> {
      String base = (testClass + "-" + testName).replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
      synchronized (anchorsTaken) {
        String anchor = base.isEmpty() ? "test" : base;
        for (int n = 2; !anchorsTaken.add(anchor); n++) {
          anchor = base + "-" + n;
        }
        return anchor;
      }
    });
  }

  /** {@return from the first event to the first connection's first 'connected', in ms; -1 if none connected} */
  static long connectedMs(Collection<PeerEvent> events) {
    long origin = events.stream().mapToLong(PeerEvent::receivedNanos).min().orElse(0);
    return events.stream().filter(e -> e.is(EventKind.CONNECTION_STATE_CHANGE) && "connected".equals(e.stateName()))
        .mapToLong(PeerEvent::receivedNanos).min().stream().map(t -> (t - origin) / 1_000_000).findFirst().orElse(-1);
  }

  /** {@return the failure's message as the test report shows it, its first line; empty for none} */
  private static String firstLine(Throwable failure) {
    return failure == null ? "" : FailureSection.message(failure).lines().findFirst().orElse("");
  }

  /** Writes the page to a file beside it, then moves that over it, so that a reader never sees half of it. */
  private void write() {
    try {
      Files.createDirectories(folder);
      Path temporary = folder.resolve("." + file().getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Files.writeString(temporary, page(Instant.now()), StandardCharsets.UTF_8);
      try {
        Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file(), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the Callflow run report " + file(), e);
    }
  }

  /** The page as it stands: a summary, a table of every test by class, then each failure's section. */
  synchronized String page(Instant now) {
    Map<String, List<Row>> byClass = new LinkedHashMap<>();
    rows.values().forEach(r -> byClass.computeIfAbsent(r.testClass(), c -> new ArrayList<>()).add(r));
    Map<Result, Long> counts = new LinkedHashMap<>();
    for (Result result : Result.values()) {
      counts.put(result, rows.values().stream().filter(r -> r.result() == result).count());
    }
    StringBuilder h = new StringBuilder(Html.head("Callflow tests"));
    h.append("<h1 id=\"top\">Callflow tests</h1><p class=\"").append(counts.get(Result.FAILED) > 0 ? "fail" : "pass").append("\"><b>")
        .append(counts.get(Result.PASSED)).append(" passed, ").append(counts.get(Result.FAILED)).append(" failed</b>")
        .append(counts.get(Result.ABORTED) > 0 ? ", " + counts.get(Result.ABORTED) + " aborted" : "").append("</p><dl class=\"facts\">");
    Html.fact(h, "Started", "<time datetime=\"" + started + "\">" + Html.e(Html.when(started)) + "</time>");
    Html.fact(h, "Updated", "<time datetime=\"" + now + "\">" + Html.e(Html.when(now)) + "</time>, as each test finished");
    Set<String> browsers = new LinkedHashSet<>();
    rows.values().forEach(r -> r.browsers().values().forEach(b -> browsers.add(b.toString())));
    Html.fact(h, "Browsers", String.join("<br/>", browsers.stream().map(Html::e).toList()));
    Html.fact(h, "Evidence", "a failed test's files are in <code>&lt;test class&gt;/&lt;test&gt;/</code> beside this page");
    h.append("</dl><div class=\"scroll\"><table class=\"tests\"><thead><tr><th>test</th><th>result</th><th>browsers</th>"
        + "<th>connected</th><th>duration</th></tr></thead><tbody>");
    byClass.forEach((testClass, list) -> {
      h.append("<tr><th colspan=\"5\" class=\"class\">").append(Html.e(testClass)).append("</th></tr>");
      list.forEach(r -> row(h, r));
    });
    h.append("</tbody></table></div>");
    if (rows.isEmpty()) {
      h.append("<p>No test with peers has finished yet.</p>");
    }
    for (Row r : rows.values()) {
      String section = sections.get(r.id());
      if (section != null) {
        section(h, r, anchors.get(r.id()), section);
      }
    }
    return h.append("</body></html>\n").toString();
  }

  private void row(StringBuilder h, Row r) {
    String anchor = anchors.get(r.id());
    boolean hasSection = sections.containsKey(r.id());
    h.append("<tr id=\"row-").append(Html.e(anchor)).append("\"><td>")
        .append(hasSection ? "<a href=\"#" + Html.e(anchor) + "\">" + Html.e(r.testName()) + "</a>" : Html.e(r.testName()))
        .append("</td><td class=\"").append(r.result().css).append('"')
        .append(r.message().isEmpty() ? "" : " title=\"" + Html.e(r.message()) + "\"").append("><b>").append(r.result().word)
        .append("</b>");
    if (!r.message().isEmpty()) {
      h.append("<br/><small>").append(Html.e(abbreviate(r.message(), 90))).append("</small>");
    }
    h.append("</td><td>");
    List<String> browsers = new ArrayList<>();
    r.browsers().entrySet().forEach(b -> browsers.add(
        Html.e(b.getKey()) + " <small>" + Html.e(b.getValue().type().id() + " " + b.getValue().version()) + "</small>"));
    h.append(String.join("<br/>", browsers)).append("</td><td data-label=\"connected\">")
        .append(r.connectedMs() >= 0 ? connected(r.connectedMs()) : "—").append("</td><td data-label=\"duration\">")
        .append(Html.e(Html.duration(r.durationMs()))).append("</td></tr>");
  }

  private static void section(StringBuilder h, Row r, String anchor, String body) {
    h.append("<section class=\"test\" id=\"").append(Html.e(anchor)).append("\">");
    h.append("<h2>").append(Html.e(r.testClass())).append(" · ").append(Html.e(r.testName())).append("</h2><p class=\"")
        .append(r.result().css).append("\"><b>").append(r.result().word).append("</b> after ").append(Html.e(Html.duration(r.durationMs())))
        .append(r.connectedMs() >= 0 ? " · connected after " + connected(r.connectedMs()) : " · never connected")
        .append("</p>").append(body).append("<p><a href=\"#top\">↑ all tests</a></p></section>");
  }

  /** A time to connected in milliseconds, as the interop report writes it, up to 10 s: {@code 1290 ms}; then {@code 12.5 s}. */
  private static String connected(long ms) {
    return ms < 10_000 ? ms + " ms" : Html.duration(ms);
  }

  private static String abbreviate(String s, int most) {
    return s.length() <= most ? s : s.substring(0, most - 1) + "…";
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "RunReport[%s, %d tests]", file(), rows.size());
  }
}
