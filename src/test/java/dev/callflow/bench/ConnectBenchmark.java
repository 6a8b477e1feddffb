package dev.callflow.bench;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Time from "a test starts" to "both peers connected" for an audio+video call, per browser pair:
 * cold (browsers launched for the call) and warm (browsers already running, as from the second test
 * of a run on). Prints the median and range of each. Run with {@code ci/bench.sh [runs]}.
 */
public final class ConnectBenchmark {
  private ConnectBenchmark() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    BrowserType[][] pairs = {
        {BrowserType.CHROME, BrowserType.CHROME}, {BrowserType.CHROME, BrowserType.FIREFOX},
        {BrowserType.FIREFOX, BrowserType.CHROME}, {BrowserType.FIREFOX, BrowserType.FIREFOX}};
    System.out.printf(Locale.ROOT, "%-18s %28s %28s%n", "pair (" + runs + " runs)", "cold: median [min-max] ms", "warm: median [min-max] ms");
    for (BrowserType[] pair : pairs) {
      List<Double> cold = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        long start = System.nanoTime();
        try (Callflow callflow = Callflow.start()) {
          connect(callflow, pair);
          cold.add((System.nanoTime() - start) / 1e6);
        }
      }
      List<Double> warm = new ArrayList<>();
      try (Callflow callflow = Callflow.start()) {
        connect(callflow, pair); // launches the browsers; not counted
        for (int i = 0; i < runs; i++) {
          long start = System.nanoTime();
          connect(callflow, pair);
          warm.add((System.nanoTime() - start) / 1e6);
        }
      }
      System.out.printf(Locale.ROOT, "%-18s %28s %28s%n", pair[0].id() + "→" + pair[1].id(), summary(cold), summary(warm));
    }
  }

  /** New pages, an audio+video call to 'connected' on both sides, then the pages are released. */
  private static void connect(Callflow callflow, BrowserType[] pair) {
    List<Peer> peers = callflow.peers(List.of(new Callflow.PeerRequest("alice", BrowserSpec.of(pair[0])),
        new Callflow.PeerRequest("bob", BrowserSpec.of(pair[1]))));
    try {
      peers.get(0).call(peers.get(1)).withAudio().withVideo().connect().close();
    } finally {
      peers.forEach(Peer::close);
    }
  }

  private static String summary(List<Double> ms) {
    List<Double> sorted = ms.stream().sorted().toList();
    return String.format(Locale.ROOT, "%.0f [%.0f-%.0f]", median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
  }

  /** The median of sorted figures: the middle one, or the mean of the two middle ones. */
  static double median(List<Double> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
