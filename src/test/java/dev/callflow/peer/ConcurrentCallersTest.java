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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One browser driven from several threads at once, as a call drives it: candidate relays, stats
 * sampling and the test's own operations. Callflow's WebDriver calls reach the browser one at a time,
 * and each result names the document it ran in.
 */
class ConcurrentCallersTest {
  private static final Duration SOON = Duration.ofSeconds(15);
  private static final int ROUNDS = 25;

  private static CallflowServer server;
  /** A pool per test: each test counts the calls of a browser of its own. */
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

  @Test
  void relaysStatsSamplingAndTheTestThreadTakeTurns() throws Exception {
    BrowserSession browser = pool.acquireAll(List.of(BrowserSpec.of(BrowserType.CHROME))).get(0);
    try (Peer alice = Peer.attach("alice", browser, server.url("/peer.html"), pool::release)) {
      PeerConnection offerer = alice.createPeerConnection();
      PeerConnection answerer = alice.createPeerConnection();
      offerer.createDataChannel("chat");
      answerer.setRemoteDescription(offerer.setLocalDescription());
      offerer.setRemoteDescription(answerer.setLocalDescription());
      List<IceCandidate> offered = gathered(offerer);
      List<IceCandidate> answered = gathered(answerer);

      List<PeerConnection> created = new CopyOnWriteArrayList<>();
      Concurrently run = new Concurrently();
      run.thread("relay-to-answerer", () -> offered.forEach(answerer::addIceCandidate));
      run.thread("relay-to-offerer", () -> answered.forEach(offerer::addIceCandidate));
      run.thread("stats-sampling", offerer::getStats);
      run.onThisThread(() -> {
        offerer.transceivers();
        answerer.remoteDescription();
        created.add(alice.createPeerConnection());
      });

      assertThat(run.failures()).isEmpty();
      assertThat(alice.connections()).containsAll(created);
      assertThat(browser.mostCallsInFlight()).as("WebDriver calls in flight at once").isEqualTo(1);
    }
  }

  @Test
  void aConnectionBelongsToTheDocumentItWasCreatedInWhileAnotherThreadNavigates() throws Exception {
    BrowserSession browser = pool.acquireAll(List.of(BrowserSpec.of(BrowserType.CHROME))).get(0);
    try (Peer alice = Peer.attach("alice", browser, server.url("/peer.html"), pool::release)) {
      List<PeerConnection> created = new CopyOnWriteArrayList<>();
      Concurrently run = new Concurrently();
      run.thread("navigation", () -> alice.open("/peer.html"));
      run.onThisThread(() -> created.add(alice.createPeerConnection()));

      assertThat(run.failures()).isEmpty();
      assertThat(created).hasSize(ROUNDS);
      // Each handle is the one the page's own 'created' event names: same document, same id.
      assertThat(alice.connections()).containsAll(created);
      assertThat(created.stream().map(PeerConnection::document).distinct().count()).as("documents").isGreaterThan(1);
      assertThat(browser.mostCallsInFlight()).as("WebDriver calls in flight at once").isEqualTo(1);
    }
  }

  /** The candidates a connection gathered and the page let out, once gathering completed. */
  private static List<IceCandidate> gathered(PeerConnection pc) {
    pc.awaitEvent("ICE gathering complete", e -> e.state() == IceGatheringState.COMPLETE, SOON);
    List<IceCandidate> candidates = pc.events().stream().filter(e -> e.candidate() != null && !e.isWithheld())
        .map(PeerEvent::candidate).toList();
    assertThat(candidates).as(pc + " candidates").isNotEmpty();
    return candidates;
  }

  /** Runs each action {@link #ROUNDS} times, all threads released at once, and keeps what they threw. */
  private static final class Concurrently {
    private final CountDownLatch go = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    void thread(String name, Runnable action) {
      Thread t = new Thread(() -> {
        try {
          go.await();
          rounds(action);
        } catch (InterruptedException e) {
          failures.add(e);
        }
      }, name);
      t.start();
      threads.add(t);
    }

    void onThisThread(Runnable action) throws InterruptedException {
      go.countDown();
      rounds(action);
      for (Thread t : threads) {
        t.join(TimeUnit.MINUTES.toMillis(1));
      }
    }

    private void rounds(Runnable action) {
      try {
        for (int i = 0; i < ROUNDS; i++) {
          action.run();
        }
      } catch (RuntimeException | AssertionError e) {
        failures.add(e);
      }
    }

    List<Throwable> failures() {
      return failures;
    }
  }
}
