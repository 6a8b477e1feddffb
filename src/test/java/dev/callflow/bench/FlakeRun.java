package dev.callflow.bench;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.MediaConstraints;
import dev.callflow.peer.Peer;
import dev.callflow.peer.Call;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The flake budget: plays the core call matrix (every browser pair × audio+video, data channel,
 * renegotiation, ICE restart, receive-only) N times on warm browsers and prints, per case, how often
 * it passed, its median and slowest time, and the first lines of each failure. Nothing is retried.
 * Run with {@code ci/flake.sh N [--load]}.
 */
public final class FlakeRun {
  private static final Duration SOON = Duration.ofSeconds(10);

  private FlakeRun() {}

  private static final Map<String, Consumer<Peer[]>> CASES = new LinkedHashMap<>();

  static {
    CASES.put("audio-video", p -> {
      Call call = p[0].call(p[1]).withAudio().withVideo().connect();
      call.callee().awaitInboundMedia("video", SOON).awaitInboundMedia("audio", SOON);
      call.hangUp();
    });
    CASES.put("data-channel", p -> {
      Call call = p[0].call(p[1]).withDataChannel("chat").connect();
      call.callerChannel("chat").awaitOpen(SOON).send("ping");
      call.calleeChannel("chat").awaitMessage("ping", SOON);
      call.hangUp();
    });
    CASES.put("renegotiation", p -> {
      Call call = p[0].call(p[1]).withAudio().connect();
      call.caller().addTrack(p[0].getUserMedia(MediaConstraints.videoOnly()).get(0));
      call.renegotiate();
      call.callee().awaitInboundMedia("video", SOON);
      call.hangUp();
    });
    CASES.put("ice-restart", p -> {
      Call call = p[0].call(p[1]).withAudio().withDataChannel("chat").connect();
      call.restartIce();
      call.callerChannel("chat").send("after");
      call.calleeChannel("chat").awaitMessage("after", SOON);
      call.hangUp();
    });
    CASES.put("receive-only", p -> {
      Call call = p[0].call(p[1]).withAudio().withVideo().withReceiveOnlyCallee().connect();
      call.callee().awaitInboundMedia("video", SOON);
      call.hangUp();
    });
  }

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    BrowserType[][] pairs = {
        {BrowserType.CHROME, BrowserType.CHROME}, {BrowserType.CHROME, BrowserType.FIREFOX},
        {BrowserType.FIREFOX, BrowserType.CHROME}, {BrowserType.FIREFOX, BrowserType.FIREFOX}};
    Map<String, List<Double>> times = new LinkedHashMap<>();
    Map<String, List<String>> failures = new LinkedHashMap<>();
    long started = System.nanoTime();
    try (Callflow callflow = Callflow.start()) {
      for (int run = 1; run <= runs; run++) {
        for (BrowserType[] pair : pairs) {
          for (Map.Entry<String, Consumer<Peer[]>> c : CASES.entrySet()) {
            String name = c.getKey() + "[" + pair[0].id() + "→" + pair[1].id() + "]";
            List<Peer> peers = callflow.peers(List.of(new Callflow.PeerRequest("alice", BrowserSpec.of(pair[0])),
                new Callflow.PeerRequest("bob", BrowserSpec.of(pair[1]))));
            long t = System.nanoTime();
            try {
              c.getValue().accept(peers.toArray(Peer[]::new));
              times.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - t) / 1e6);
            } catch (RuntimeException | AssertionError e) {
              String first = String.join(" / ", String.valueOf(e.getMessage()).lines().limit(4).toList());
              failures.computeIfAbsent(name, k -> new ArrayList<>()).add("run " + run + ": " + first);
              System.out.println("FAIL " + name + " run " + run + ": " + first);
            } finally {
              peers.forEach(Peer::close);
            }
          }
        }
        System.out.printf(Locale.ROOT, "run %d/%d done, %d failures so far%n", run, runs,
            failures.values().stream().mapToInt(List::size).sum());
      }
    }
    System.out.printf(Locale.ROOT, "%n%-32s %8s %10s %10s%n", "case (" + runs + " runs)", "passed", "median ms", "max ms");
    int passed = 0;
    int failed = 0;
    for (BrowserType[] pair : pairs) {
      for (String c : CASES.keySet()) {
        String name = c + "[" + pair[0].id() + "→" + pair[1].id() + "]";
        List<Double> ok = times.getOrDefault(name, List.of()).stream().sorted().toList();
        passed += ok.size();
        failed += runs - ok.size();
        System.out.printf(Locale.ROOT, "%-32s %4d/%-3d %10s %10s%n", name, ok.size(), runs,
            ok.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", ConnectBenchmark.median(ok)),
            ok.isEmpty() ? "-" : String.format(Locale.ROOT, "%.0f", ok.get(ok.size() - 1)));
      }
    }
    failures.forEach((name, list) -> list.forEach(f -> System.out.println("  " + name + " " + f)));
    System.out.printf(Locale.ROOT, "%nflake run: %d passed, %d failed in %.0f s%n", passed, failed, (System.nanoTime() - started) / 1e9);
    System.exit(failed == 0 ? 0 : 1);
  }
}
