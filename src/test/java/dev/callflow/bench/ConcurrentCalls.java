package dev.callflow.bench;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Call;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N calls at once on one server, Chrome and Firefox alternating: every call connects, carries audio
 * and its own data-channel messages, and no message reaches another call. Prints time to connected
 * per call, the JVM's heap and the messages checked. Run with {@code ci/bench.sh calls [N, default 8]}.
 */
public final class ConcurrentCalls {
  private static final Duration SOON = Duration.ofSeconds(30);
  private static final int MESSAGES = 50;

  private ConcurrentCalls() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    long started = System.nanoTime();
    try (Callflow callflow = Callflow.start()) {
      List<Callflow.PeerRequest> requests = new ArrayList<>();
      for (int i = 0; i < 2 * calls; i++) {
        requests.add(new Callflow.PeerRequest("p" + i, BrowserSpec.of(i % 2 == 0 ? BrowserType.CHROME : BrowserType.FIREFOX)));
      }
      List<Peer> peers = callflow.peers(requests);
      System.out.printf(Locale.ROOT, "%d browsers up in %.1f s%n", peers.size(), (System.nanoTime() - started) / 1e9);
      ExecutorService pool = Executors.newFixedThreadPool(calls);
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        Peer caller = peers.get(2 * i);
        Peer callee = peers.get(2 * i + 1);
        String tag = "call" + i;
        results.add(pool.submit(() -> oneCall(caller, callee, tag)));
      }
      int failed = 0;
      for (Future<String> r : results) {
        try {
          System.out.println(r.get());
        } catch (Exception e) {
          failed++;
          System.out.println("FAILED: " + String.valueOf(e.getCause()).lines().limit(3).toList());
        }
      }
      pool.shutdown();
      System.gc();
      Runtime rt = Runtime.getRuntime();
      System.out.printf(Locale.ROOT, "%d calls: %d passed, %d failed; JVM heap after GC %.0f MB; %.1f s in all%n", calls,
          calls - failed, failed, (rt.totalMemory() - rt.freeMemory()) / 1e6, (System.nanoTime() - started) / 1e9);
      peers.forEach(Peer::close);
      System.exit(failed == 0 ? 0 : 1);
    }
  }

  private static String oneCall(Peer caller, Peer callee, String tag) {
    long t = System.nanoTime();
    Call call = caller.call(callee).withAudio().withDataChannel("chat").withTimeout(SOON).connect();
    double connectedMs = (System.nanoTime() - t) / 1e6;
    call.callerChannel("chat").awaitOpen(SOON);
    for (int m = 0; m < MESSAGES; m++) {
      call.callerChannel("chat").send(tag + "#" + m);
    }
    call.calleeChannel("chat").awaitMessage(tag + "#" + (MESSAGES - 1), SOON);
    call.callee().awaitInboundMedia("audio", SOON);
    List<String> received = callee.events().stream().filter(e -> e.is(EventKind.CHANNEL_MESSAGE))
        .map(PeerEvent::channelMessage).toList();
    List<String> expected = new ArrayList<>();
    for (int m = 0; m < MESSAGES; m++) {
      expected.add(tag + "#" + m);
    }
    if (!received.equals(expected)) {
      throw new AssertionError(tag + " received " + received.size() + " messages, not exactly its own " + MESSAGES + " in order: "
          + received.stream().filter(s -> !s.startsWith(tag + "#")).limit(3).toList());
    }
    call.hangUp();
    return String.format(Locale.ROOT, "%s %s→%s connected in %.0f ms, %d messages, all its own, in order", tag,
        caller.browser().type().id(), callee.browser().type().id(), connectedMs, MESSAGES);
  }
}
