package dev.callflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.Callflow;
import dev.callflow.CallflowConfig;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.browser.LocalGrid;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import dev.callflow.server.CallflowServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Time from "a test starts" to "both peers connected" for an audio+video call, per browser pair: cold
 * (browsers launched for the call) and warm (browsers already running, as from the second test of a run
 * on); where a warm call's time goes; how late the browsers' events reach Java; and the same Chrome call
 * written as a plain Selenium script, as the yardstick; then what a peer costs and how many one machine
 * carries ({@link ScaleBenchmark}), and twenty short tests one at a time and in parallel ({@link Suite20Run}). Prints medians with their range and writes
 * {@code target/callflow-bench/bench.json} (each figure {@code {median, min, max, runs}}, the unit in its
 * key). Run with {@code ci/bench.sh [runs]}.
 */
public final class ConnectBenchmark {
  private static final BrowserType[][] PAIRS = {
      {BrowserType.CHROME, BrowserType.CHROME}, {BrowserType.CHROME, BrowserType.FIREFOX},
      {BrowserType.FIREFOX, BrowserType.CHROME}, {BrowserType.FIREFOX, BrowserType.FIREFOX}};
  private static final String[] PHASES = {"pagesMs", "mediaMs", "negotiationMs", "iceMs", "returnMs"};
  /** Java's nanoTime as milliseconds since the epoch: what the pages' clocks (timeOrigin + now) count. */
  private static final double EPOCH_OFFSET_MS = System.currentTimeMillis() - System.nanoTime() / 1e6;

  private ConnectBenchmark() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    Map<String, Figure> figures = new LinkedHashMap<>();
    Map<BrowserType, List<Double>> delays = new LinkedHashMap<>();
    System.out.printf(Locale.ROOT, "%-18s %28s %28s%n", "pair (" + runs + " runs)", "cold: median [min-max] ms", "warm: median [min-max] ms");
    for (BrowserType[] pair : PAIRS) {
      List<Double> cold = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        try (Callflow callflow = Callflow.start()) {
          connect(callflow, pair, start);
          cold.add(msSince(start));
        }
      }
      List<Double> warm = new ArrayList<>();
      Map<String, List<Double>> phases = new LinkedHashMap<>();
      try (Callflow callflow = Callflow.start()) {
        connect(callflow, pair, System.nanoTime()); // launches the browsers; not counted
        for (int i = 0; i < runs; i++) {
          long start = System.nanoTime();
          Map<String, Double> took = connect(callflow, pair, start);
          warm.add(msSince(start));
          took.forEach((phase, ms) -> phases.computeIfAbsent(phase, k -> new ArrayList<>()).add(ms));
        }
      }
      String name = pair[0].id() + "→" + pair[1].id();
      String key = key(pair);
      figures.put("coldCallMs" + key, Figure.of(cold));
      figures.put("warmCallMs" + key, Figure.of(warm));
      for (String phase : PHASES) {
        if (phases.containsKey(phase)) {
          figures.put("warmBreakdown" + key + "." + phase, Figure.of(phases.get(phase)));
        }
      }
      for (int i = 0; i < 2; i++) {
        delays.computeIfAbsent(pair[i], k -> new ArrayList<>()).addAll(phases.getOrDefault("delay." + i, List.of()));
      }
      System.out.printf(Locale.ROOT, "%-18s %28s %28s%n", name, figures.get("coldCallMs" + key), figures.get("warmCallMs" + key));
    }
    System.out.println("\nwarm call, where the time goes (median ms): open pages, getUserMedia, offer/answer, ICE to connected on both, connect() returns");
    for (BrowserType[] pair : PAIRS) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-18s", pair[0].id() + "→" + pair[1].id()));
      for (String phase : PHASES) {
        Figure f = figures.get("warmBreakdown" + key(pair) + "." + phase);
        line.append(String.format(Locale.ROOT, " %s %s", phase.replace("Ms", ""), f == null ? "-" : String.format(Locale.ROOT, "%.0f", f.median())));
      }
      System.out.println(line);
    }
    delays.forEach((browser, d) -> figures.put("eventDelayMs." + browser.id(), Figure.of(d)));
    System.out.println("\nevent delay during warm calls, page clock to Java receiving it (ms): " + delays.keySet().stream()
        .map(b -> b.id() + " " + figures.get("eventDelayMs." + b.id())).toList());

    plainSelenium(runs, figures);
    gridWarmCall(runs, figures);
    ScaleBenchmark.measure(Math.min(runs, 3), figures);
    Suite20Run.measure(Math.min(runs, 3), Suite20Run.parallelDefaults(), figures);
    write(figures, runs);
  }

  /** The yardstick, Chrome→Chrome, and Callflow's Chrome→Chrome figures as ratios to it. */
  private static void plainSelenium(int runs, Map<String, Figure> figures) {
    String chromium = System.getProperty("callflow.chrome.binary", "/usr/bin/chromium");
    String chromedriver = System.getProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    List<Double> cold = new ArrayList<>();
    List<Double> warm = new ArrayList<>();
    try (CallflowServer server = CallflowServer.builder().withRoomsOpenedOnJoin().start()) {
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        try (PlainSeleniumCall call = new PlainSeleniumCall(server, chromium, chromedriver)) {
          call.call();
          cold.add(msSince(start));
        }
      }
      try (PlainSeleniumCall call = new PlainSeleniumCall(server, chromium, chromedriver)) {
        call.call();
        for (int i = 0; i < runs; i++) {
          long start = System.nanoTime();
          call.call();
          warm.add(msSince(start));
        }
      }
    }
    figures.put("plainSeleniumColdCallMs", Figure.of(cold));
    figures.put("plainSeleniumWarmCallMs", Figure.of(warm));
    double coldRatio = figures.get("coldCallMs.chrome-chrome").median() / figures.get("plainSeleniumColdCallMs").median();
    double warmRatio = figures.get("warmCallMs.chrome-chrome").median() / figures.get("plainSeleniumWarmCallMs").median();
    System.out.printf(Locale.ROOT, "%nplain Selenium chrome→chrome (WebDriverWait, 500 ms polls): cold %s, warm %s ms%n",
        figures.get("plainSeleniumColdCallMs"), figures.get("plainSeleniumWarmCallMs"));
    System.out.printf(Locale.ROOT, "Callflow / plain Selenium, chrome→chrome medians: cold %.2f, warm %.2f%n", coldRatio, warmRatio);
  }

  /** A warm chrome→firefox call through a local Selenium Grid (hub and two nodes, as GridTest runs it). */
  private static void gridWarmCall(int runs, Map<String, Figure> figures) {
    CallflowConfig config = CallflowConfig.fromEnvironment();
    List<Double> warm = new ArrayList<>();
    try (LocalGrid grid = LocalGrid.start(config.drivers()); Callflow callflow = Callflow.start(config.withGrid(grid.url()))) {
      grid.reach(callflow.server().baseUri());
      BrowserType[] pair = {BrowserType.CHROME, BrowserType.FIREFOX};
      connect(callflow, pair, System.nanoTime()); // launches the browsers; not counted
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        connect(callflow, pair, start);
        warm.add(msSince(start));
      }
    }
    figures.put("gridWarmCallMs.chrome-firefox", Figure.of(warm));
    System.out.printf(Locale.ROOT, "%nwarm chrome→firefox call through a local Selenium Grid: %s ms (here: %s)%n",
        figures.get("gridWarmCallMs.chrome-firefox"), figures.get("warmCallMs.chrome-firefox"));
  }

  /**
   * New pages, an audio+video call to 'connected' on both sides, then the pages are released; returns where
   * the time went, measured by when Java received each step's event, and each event's delay.
   */
  private static Map<String, Double> connect(Callflow callflow, BrowserType[] pair, long start) {
    List<Peer> peers = callflow.peers(List.of(new Callflow.PeerRequest("alice", BrowserSpec.of(pair[0])),
        new Callflow.PeerRequest("bob", BrowserSpec.of(pair[1]))));
    long pagesOpen = System.nanoTime();
    Map<String, Double> took = new LinkedHashMap<>();
    try {
      peers.get(0).call(peers.get(1)).withAudio().withVideo().connect().close();
      long returned = System.nanoTime();
      List<PeerEvent> events = new ArrayList<>(peers.get(0).events());
      events.addAll(peers.get(1).events());
      long media = last(events, e -> e.is(EventKind.GET_USER_MEDIA_RESULT));
      long answered = last(events, e -> e.is(EventKind.RESULT) && "alice".equals(e.peer()) && "setRemoteDescription".equals(e.method()));
      long connected = last(events, e -> e.is(EventKind.CONNECTION_STATE_CHANGE) && e.state() == ConnectionState.CONNECTED);
      took.put("pagesMs", (pagesOpen - start) / 1e6);
      if (media > 0 && answered > 0 && connected > 0) {
        took.put("mediaMs", (media - pagesOpen) / 1e6);
        took.put("negotiationMs", (answered - media) / 1e6);
        took.put("iceMs", (connected - answered) / 1e6);
        took.put("returnMs", (returned - connected) / 1e6);
      }
      for (int i = 0; i < 2; i++) {
        List<Double> delays = peers.get(i).events().stream().filter(e -> e.browserTime() > 0)
            .map(e -> e.receivedNanos() / 1e6 + EPOCH_OFFSET_MS - e.browserTime()).toList();
        // One figure per call and browser: the median of its events, so no call weighs more for being chattier.
        took.put("delay." + i, Figure.of(delays).median());
      }
      return took;
    } finally {
      peers.forEach(Peer::close);
    }
  }

  /** When Java received the last event that matches, in nanoTime; 0 if none did. */
  private static long last(List<PeerEvent> events, Predicate<PeerEvent> matches) {
    return events.stream().filter(matches).mapToLong(PeerEvent::receivedNanos).max().orElse(0);
  }

  private static String key(BrowserType[] pair) {
    return "." + pair[0].id() + "-" + pair[1].id();
  }

  private static double msSince(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static void write(Map<String, Figure> figures, int runs) throws IOException {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("runs", runs);
    figures.forEach((name, f) -> root.putObject(name).put("median", round(f.median())).put("min", round(f.min()))
        .put("max", round(f.max())).put("runs", f.runs()));
    Path file = Path.of("target/callflow-bench/bench.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    System.out.println("\nwritten: " + file.toAbsolutePath());
  }

  private static double round(double d) {
    return Math.round(d * 10) / 10.0;
  }

  /** The median of sorted figures: the middle one, or the mean of the two middle ones. */
  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** A figure measured several times: its median, range and number of runs. */
  record Figure(double median, double min, double max, int runs) {
    static Figure of(List<Double> values) {
      List<Double> sorted = values.stream().sorted().toList();
      return sorted.isEmpty() ? new Figure(Double.NaN, Double.NaN, Double.NaN, 0)
          : new Figure(ConnectBenchmark.median(sorted), sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", median, min, max);
    }
  }
}
