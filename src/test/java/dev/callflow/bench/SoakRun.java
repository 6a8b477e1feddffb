package dev.callflow.bench;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import dev.callflow.peer.Call;
import java.time.Duration;
import java.util.Locale;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Memory over a long call with a busy data channel: every minute, the JVM's heap after a GC, the size
 * of both peers' event logs and the pages' JavaScript heaps (Chrome's performance.memory).
 * Run with {@code ci/bench.sh soak [minutes]}; ends by itself.
 */
public final class SoakRun {
  private SoakRun() {}

  public static void main(String[] args) {
    int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String message = "m".repeat(16 * 1024);
    try (Callflow callflow = Callflow.start()) {
      Peer alice = callflow.peer("alice", BrowserType.CHROME);
      Peer bob = callflow.peer("bob", BrowserType.CHROME);
      Call call = alice.call(bob).withAudio().withVideo().withDataChannel("chat").connect();
      call.callerChannel("chat").awaitOpen(Duration.ofSeconds(10));
      System.out.printf(Locale.ROOT, "%-7s %10s %12s %12s %14s %14s%n", "minute", "messages", "jvm heap MB", "events kept",
          "alice page MB", "bob page MB");
      long end = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
      long sent = 0;
      int minute = 0;
      long nextReport = System.nanoTime();
      while (System.nanoTime() < end) {
        call.callerChannel("chat").send(message);
        call.calleeChannel("chat").send(message);
        sent += 2;
        if (System.nanoTime() >= nextReport) {
          System.gc();
          Runtime rt = Runtime.getRuntime();
          System.out.printf(Locale.ROOT, "%-7d %10d %12.1f %12d %14.1f %14.1f%n", minute++, sent,
              (rt.totalMemory() - rt.freeMemory()) / 1e6, alice.events().size() + bob.events().size(), pageHeap(alice), pageHeap(bob));
          nextReport += Duration.ofMinutes(1).toNanos();
        }
      }
      call.hangUp();
    }
  }

  private static double pageHeap(Peer peer) {
    Object used = ((JavascriptExecutor) peer.driver()).executeScript(
        "return performance.memory ? performance.memory.usedJSHeapSize : -1");
    return ((Number) used).doubleValue() / 1e6;
  }
}
