package dev.callflow.bench;

import dev.callflow.CallflowConfig;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.browser.BrowserLauncher;
import dev.callflow.internal.browser.BrowserSession;
import dev.callflow.server.CallflowServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Where a probe event's time goes between the page and Callflow's listener: page clock to Selenium's BiDi
 * connection reading the message (Selenium logs each one it handles), and from there to the listener; and
 * how far the page's clock ({@code timeOrigin + now()}) is from Java's, measured by round trips.
 * {@code ci/bench.sh bidi chrome 200 [burst [padding]]}: 200 events, {@code burst} at once every 25 ms, each padded with
 * {@code padding} characters.
 */
public final class BiDiDelayRun {
  private static final double EPOCH_OFFSET_MS = System.currentTimeMillis() - System.nanoTime() / 1e6;
  private static final Pattern HEAD = Pattern.compile("\\\\\"seq\\\\\":(\\d+),\\\\\"t\\\\\":([0-9.]+)");

  private BiDiDelayRun() {}

  private static double nowMs() {
    return System.nanoTime() / 1e6 + EPOCH_OFFSET_MS;
  }

  public static void main(String[] args) throws Exception {
    BrowserType type = BrowserType.valueOf(args[0].toUpperCase(Locale.ROOT));
    int events = Integer.parseInt(args[1]);
    int burst = args.length > 2 ? Integer.parseInt(args[2]) : 1; // events at once, every 25 ms
    int padding = args.length > 3 ? Integer.parseInt(args[3]) : 0; // characters added to each (an SDP is some 5000)
    Map<Long, Double> pageTime = new ConcurrentHashMap<>();
    Map<Long, Double> read = new ConcurrentHashMap<>();
    Map<Long, Double> heard = new ConcurrentHashMap<>();
    Logger bidi = Logger.getLogger("org.openqa.selenium.bidi.Connection");
    bidi.setLevel(Level.ALL);
    bidi.addHandler(new Handler() {
      @Override
      public void publish(LogRecord r) {
        double at = nowMs();
        Object[] params = r.getParameters();
        if (params != null && params.length > 0 && "<- {0}".equals(r.getMessage())) {
          Matcher m = HEAD.matcher(String.valueOf(params[0]));
          if (m.find()) {
            read.putIfAbsent(Long.parseLong(m.group(1)), at);
          }
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
    CallflowConfig config = CallflowConfig.fromEnvironment();
    try (CallflowServer server = CallflowServer.start()) {
      BrowserSession browser = BrowserLauncher.launch(BrowserSpec.of(type), config.drivers(), config.pageLoadTimeout());
      try {
        browser.attach("bench");
        browser.open(server.url("/peer.html").toString(), Duration.ofSeconds(30));
        Pattern own = Pattern.compile("\"seq\":(\\d+),\"t\":([0-9.]+)");
        CountDownLatch done = new CountDownLatch(events);
        browser.onProbeEvent((text, sender) -> {
          double at = nowMs();
          Matcher m = own.matcher(text);
          if (m.find() && text.contains("callflow-tick")) {
            long seq = Long.parseLong(m.group(1));
            heard.put(seq, at);
            pageTime.put(seq, Double.parseDouble(m.group(2)));
            done.countDown();
          }
        });
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        // The page's clock against Java's: the round trip with the shortest time bounds the offset best.
        double bestRtt = Double.MAX_VALUE;
        double offset = 0;
        double dateOffset = 0;
        for (int i = 0; i < 30; i++) {
          double before = nowMs();
          @SuppressWarnings("unchecked")
          List<Number> clocks = (List<Number>) js.executeScript("return [performance.timeOrigin + performance.now(), Date.now()];");
          double after = nowMs();
          if (after - before < bestRtt) {
            bestRtt = after - before;
            offset = clocks.get(0).doubleValue() - (before + after) / 2;
            dateOffset = clocks.get(1).doubleValue() - (before + after) / 2;
          }
        }
        js.executeScript("let n = 0; const t = setInterval(() => { for (let i = 0; i < arguments[1] && n < arguments[0]; i++, n++) "
            + "window.dispatchEvent(new ErrorEvent('error', { message: 'callflow-tick ' + n + ' ' + 'x'.repeat(arguments[2]) })); "
            + "if (n >= arguments[0]) clearInterval(t); }, 25);", events, burst, padding);
        if (!done.await(120, TimeUnit.SECONDS)) {
          throw new IllegalStateException("only " + (events - done.getCount()) + " of " + events + " events arrived in 120 s");
        }
        List<Double> total = new ArrayList<>();
        List<Double> toRead = new ArrayList<>();
        List<Double> readToListener = new ArrayList<>();
        for (Map.Entry<Long, Double> e : heard.entrySet()) {
          double page = pageTime.get(e.getKey());
          total.add(e.getValue() - page);
          Double r = read.get(e.getKey());
          if (r != null) {
            toRead.add(r - page);
            readToListener.add(e.getValue() - r);
          }
        }
        System.out.printf(Locale.ROOT, "%s: page clock (timeOrigin+now) - Java clock %.2f ms, Date.now() - Java %.2f ms (best round trip %.2f ms)%n",
            type.id(), offset, dateOffset, bestRtt);
        System.out.printf(Locale.ROOT, "%s: %d events (" + burst + " at once, " + padding + " characters more); page -> listener %s; page -> Selenium read %s (%d); read -> listener %s%n", type.id(),
            total.size(), figure(total), figure(toRead), toRead.size(), figure(readToListener));
        double clockOffset = offset;
        List<Double> corrected = total.stream().map(d -> d + clockOffset).toList();
        System.out.printf(Locale.ROOT, "%s: page -> listener corrected for the clock offset %s%n", type.id(),
            figure(corrected));
      } finally {
        browser.close();
      }
    }
  }

  /** Median [p10-p90] in ms. */
  private static String figure(List<Double> values) {
    if (values.isEmpty()) {
      return "-";
    }
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    return String.format(Locale.ROOT, "%.2f [%.2f-%.2f] ms", v.get(v.size() / 2), v.get(v.size() / 10), v.get(v.size() * 9 / 10));
  }
}
