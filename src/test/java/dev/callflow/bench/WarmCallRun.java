package dev.callflow.bench;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Warm calls of one browser pair, quickly: the call's time (pages opened to both sides connected) and each side's
 * event delay (page clock to Java, the median of a call's events), as medians; with {@code trace}, every event of
 * the last call at the time Java received it. A short run to compare two builds, alternating them (a busy machine
 * drifts): {@code ci/bench.sh warm chrome firefox 8 [trace]}.
 */
public final class WarmCallRun {
  /** Java's nanoTime as milliseconds since the epoch: what the pages' clocks (timeOrigin + now) count. */
  private static final double EPOCH_OFFSET_MS = System.currentTimeMillis() - System.nanoTime() / 1e6;

  private WarmCallRun() {}

  public static void main(String[] args) {
    if (args.length < 3) {
      throw new IllegalArgumentException("usage: WarmCallRun CALLER CALLEE RUNS [trace], e.g. chrome firefox 8");
    }
    BrowserType[] pair = {BrowserType.valueOf(args[0].toUpperCase(Locale.ROOT)), BrowserType.valueOf(args[1].toUpperCase(Locale.ROOT))};
    int runs = Integer.parseInt(args[2]);
    boolean trace = args.length > 3 && args[3].equals("trace");
    List<Double> calls = new ArrayList<>();
    List<List<Double>> delays = List.of(new ArrayList<>(), new ArrayList<>());
    try (Callflow callflow = Callflow.start()) {
      for (int i = -1; i < runs; i++) { // the first launches the browsers: not counted
        long start = System.nanoTime();
        List<Peer> peers = callflow.peers(List.of(new Callflow.PeerRequest("alice", BrowserSpec.of(pair[0])),
            new Callflow.PeerRequest("bob", BrowserSpec.of(pair[1]))));
        try {
          peers.get(0).call(peers.get(1)).withAudio().withVideo().connect().close();
          if (i < 0) {
            continue;
          }
          calls.add((System.nanoTime() - start) / 1e6);
          for (int k = 0; k < 2; k++) {
            delays.get(k).add(ConnectBenchmark.Figure.of(peers.get(k).events().stream().filter(e -> e.browserTime() > 0)
                .map(e -> e.receivedNanos() / 1e6 + EPOCH_OFFSET_MS - e.browserTime()).toList()).median());
          }
          if (trace && i == runs - 1) {
            List<PeerEvent> events = new ArrayList<>(peers.get(0).events());
            events.addAll(peers.get(1).events());
            events.sort(Comparator.comparingLong(PeerEvent::receivedNanos));
            events.forEach(e -> System.out.printf(Locale.ROOT, "%8.1f ms  %s%n", (e.receivedNanos() - start) / 1e6, e.describe()));
          }
        } finally {
          peers.forEach(Peer::close);
        }
      }
    }
    System.out.printf(Locale.ROOT, "%s→%s warm call %s ms; event delay %s %s ms, %s %s ms (%d runs)%n", pair[0].id(), pair[1].id(),
        ConnectBenchmark.Figure.of(calls), pair[0].id(), ConnectBenchmark.Figure.of(delays.get(0)), pair[1].id(),
        ConnectBenchmark.Figure.of(delays.get(1)), runs);
  }
}
