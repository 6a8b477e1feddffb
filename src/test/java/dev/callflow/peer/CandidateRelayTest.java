package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The candidate relay of a call, without a browser: order, holding back, delays, refusals, idleness. */
class CandidateRelayTest {
  private final List<String> added = new CopyOnWriteArrayList<>();
  private final Map<String, String> refused = new ConcurrentHashMap<>();

  private static IceCandidate candidate(int n) {
    return new IceCandidate("candidate:" + n + " 1 udp 1 127.0.0.1 " + (5000 + n) + " typ host", "0", 0, "u");
  }

  private CandidateRelay relay() {
    return new CandidateRelay("bob/pc1", c -> {
      if (c.candidate().startsWith("candidate:13 ")) {
        throw new IllegalStateException("OperationError: unknown ufrag");
      }
      added.add(c.candidate().split(" ")[0]);
    }, (c, e) -> refused.put(c.candidate().split(" ")[0], e.getMessage()));
  }

  @Test
  void keepsCandidatesBackUntilOpenThenDeliversAllInOrder() {
    CandidateRelay relay = relay();
    relay.hold();
    for (int n = 1; n <= 5; n++) {
      relay.deliver(candidate(n), Duration.ZERO);
    }
    relay.awaitIdle(Duration.ofSeconds(5));
    assertThat(added).isEmpty();

    relay.open();
    for (int n = 6; n <= 50; n++) {
      relay.deliver(candidate(n), Duration.ZERO);
    }
    relay.awaitIdle(Duration.ofSeconds(5));

    assertThat(added).hasSize(49).first().isEqualTo("candidate:1");
    assertThat(added).isSortedAccordingTo((a, b) -> Integer.compare(number(a), number(b)));
    assertThat(refused).containsOnlyKeys("candidate:13").containsValue("OperationError: unknown ufrag");
    relay.shutdown();
  }

  @Test
  void aDelayedCandidateArrivesAfterItsDelayAndAfterThoseThatWereNotDelayed() throws Exception {
    CountDownLatch both = new CountDownLatch(2);
    CandidateRelay counting = new CandidateRelay("bob/pc1", c -> {
      added.add(c.candidate().split(" ")[0] + "@" + System.nanoTime());
      both.countDown();
    }, (c, e) -> {});
    counting.open();
    long start = System.nanoTime();

    counting.deliver(candidate(1), Duration.ofMillis(300));
    counting.deliver(candidate(2), Duration.ZERO);

    assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(added).hasSize(2);
    assertThat(added.get(0)).startsWith("candidate:2@");
    assertThat(added.get(1)).startsWith("candidate:1@");
    long delayedAt = Long.parseLong(added.get(1).split("@")[1]);
    assertThat(Duration.ofNanos(delayedAt - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    counting.shutdown();
  }

  @Test
  void awaitIdleReturnsOnceEveryCandidateWasAddedAndAShutDownRelayDeliversNothing() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CandidateRelay slow = new CandidateRelay("bob/pc1", c -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      added.add(c.candidate());
    }, (c, e) -> {});
    slow.open();
    slow.deliver(candidate(1), Duration.ZERO);

    long start = System.nanoTime();
    slow.awaitIdle(Duration.ofMillis(200)); // gives up: the candidate is still being added
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    assertThat(added).isEmpty();

    release.countDown();
    slow.awaitIdle(Duration.ofSeconds(5));
    assertThat(added).hasSize(1);

    slow.shutdown();
    slow.deliver(candidate(2), Duration.ZERO);
    slow.awaitIdle(Duration.ofSeconds(1));
    assertThat(added).hasSize(1);
  }

  private static int number(String candidate) {
    return Integer.parseInt(candidate.substring("candidate:".length()));
  }
}
