package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.CallflowConfig;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.browser.BrowserLauncher;
import dev.callflow.internal.browser.BrowserPool;
import dev.callflow.internal.browser.BrowserSession;
import dev.callflow.server.CallflowServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An operation's reply carries the events it caused: they are in the log when it returns though BiDi has not
 * brought them, without fetching them from the page; when BiDi brings them after all, each is taken once. So on
 * a freshly loaded page and on the reference page reset in place for the next peer.
 */
class CarriedEventsTest {
  private static CallflowServer server;
  private BrowserPool<BrowserSession> pool;

  @BeforeAll
  static void startServer() {
    server = CallflowServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void startPool() {
    CallflowConfig config = CallflowConfig.fromEnvironment();
    pool = new BrowserPool<>(1, spec -> BrowserLauncher.launch(spec, config.drivers(), config.pageLoadTimeout()));
  }

  @AfterEach
  void stopPool() {
    pool.close();
  }

  @ParameterizedTest
  @EnumSource(BrowserType.class)
  void anOperationsEventsAreInTheLogWhenItReturnsThoughBiDiHoldsThemBack(BrowserType type) {
    String url = server.url("/peer.html").toString();
    BrowserSession first = null;
    // bob gets alice's browser back from the pool, on the reference page reset in place: his page needs no load
    for (String name : List.of("alice", "bob")) {
      BrowserSession browser = pool.acquireAll(List.of(BrowserSpec.of(type))).get(0);
      if (first == null) {
        first = browser;
      }
      assertThat(browser).as("the pool's warm browser").isSameAs(first);
      PageChannel channel = PageChannel.attach(name, browser);
      try {
        channel.open(url, Duration.ofSeconds(30));
        operateWithBiDiHeldBack(browser, channel);
      } finally {
        channel.close();
        pool.release(browser);
      }
    }
  }

  private static void operateWithBiDiHeldBack(BrowserSession browser, PageChannel channel) {
    List<Object[]> held = new CopyOnWriteArrayList<>();
    browser.onProbeEvent((text, sender) -> {
      synchronized (held) {
        held.add(new Object[] {text, sender});
        held.notifyAll();
      }
    });

    PageChannel.Reply created = channel.call("createPeerConnection", Json.object().set("configuration", Json.object()));
    String pc = created.value().asText();
    // Over WebDriver classic on the current page, then over BiDi in the document's realm if BiDi named it.
    channel.call("descriptions", Json.object().put("pc", pc));
    channel.call("close", Json.object().put("pc", pc).put("doc", created.doc()));

    EventLog log = channel.log();
    List<String> events = log.snapshot().stream().filter(e -> created.doc().equals(e.doc()) && pc.equals(e.pc()))
        .map(e -> e.kind().webName() + (e.details().has("method") ? " " + e.details().path("method").asText() : "")).toList();
    assertThat(events).contains("created", "call close", "result close");
    assertThat(channel.recoveries()).as("times events were fetched from the page").isZero();

    awaitHeld(held, created.doc(), log.nextSeq(created.doc()) - 1);
    int before = log.snapshot().size();
    held.forEach(h -> log.accept((String) h[0], ((BrowserSession.Sender) h[1]).context(), ((BrowserSession.Sender) h[1]).realm()));
    assertThat(log.snapshot()).as("events after BiDi brought them again").hasSize(before);
    assertThat(log.snapshot().stream().filter(e -> e.seq() > 0).map(e -> e.doc() + "#" + e.seq())).doesNotHaveDuplicates();
  }

  /** Waits until BiDi has brought the event {@code seq} of the document too. */
  private static void awaitHeld(List<Object[]> held, String doc, long seq) {
    String head = "{\"doc\":\"" + doc + "\",\"seq\":" + seq + ",";
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    synchronized (held) {
      while (held.stream().noneMatch(h -> ((String) h[0]).startsWith(head))) {
        long left = deadline - System.nanoTime();
        assertThat(left).as("BiDi did not bring event #" + seq + " of " + doc + " within 30 s; it brought " + held.size()).isPositive();
        try {
          held.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }
}
