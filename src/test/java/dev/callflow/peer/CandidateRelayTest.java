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

/** The candidate relay of a call, without a browser: order, batches, holding back, delays, refusals, idleness. */
class CandidateRelayTest {
  private final List<String> added = new CopyOnWriteArrayList<>();
  private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
  private final Map<String, String> refused = new ConcurrentHashMap<>();

  private static IceCandidate candidate(int n) {
    return new IceCandidate("candidate:" + n + " 1 udp 1 127.0.0.1 " + (5000 + n) + " typ host", "0", 0, "u");
  }

  /** A relay whose side refuses candidate 13 (and adds those after it in the batch), recording each batch. */
  private CandidateRelay relay() {
    return relay(batch -> {});
  }

  /** The same, running {@code before} on the relay's thread before each batch is added. */
  private CandidateRelay relay(java.util.function.Consumer<List<IceCandidate>> before) {
    return new CandidateRelay("bob/pc1", (batch, refuse) -> {
      before.accept(batch);
      batches.add(batch.stream().map(c -> number(c.candidate().split(" ")[0])).toList());
      for (IceCandidate c : batch) {
        if (c.candidate().startsWith("candidate:13 ")) {
          refuse.accept(c, new IllegalStateException("OperationError: unknown ufrag"));
        } else {
          added.add(c.candidate().split(" ")[0]);
        }
      }
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
    CandidateRelay counting = new CandidateRelay("bob/pc1", (batch, refuse) -> batch.forEach(c -> {
      added.add(c.candidate().split(" ")[0] + "@" + System.nanoTime());
      both.countDown();
    }), (c, e) -> {});
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
    CandidateRelay slow = new CandidateRelay("bob/pc1", (batch, refuse) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      batch.forEach(c -> added.add(c.candidate()));
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

  @Test
  void candidatesThatQueueUpWhileABatchIsBeingAddedGoTogetherInTheNextBatch() throws Exception {
    CountDownLatch firstTaken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CandidateRelay relay = relay(batch -> {
      if (batches.isEmpty()) {
        firstTaken.countDown();
        await(release);
      }
    });
    relay.open();
    relay.deliver(candidate(1), Duration.ZERO);
    assertThat(firstTaken.await(5, TimeUnit.SECONDS)).isTrue();
    for (int n = 2; n <= 14; n++) { // candidate 13 is refused: those after it still go
      relay.deliver(candidate(n), Duration.ZERO);
    }
    release.countDown();
    relay.awaitIdle(Duration.ofSeconds(5));

    assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14));
    assertThat(added).hasSize(13).doesNotContain("candidate:13").endsWith("candidate:14");
    assertThat(refused).containsOnlyKeys("candidate:13");
    relay.shutdown();
  }

  @Test
  void whatWasHeldBackGoesInOneBatchWhenTheRelayOpensAndEachRestartHoldsAnew() {
    CandidateRelay relay = relay();
    relay.hold();
    for (int n = 1; n <= 4; n++) {
      relay.deliver(candidate(n), Duration.ZERO);
    }
    relay.open();
    relay.awaitIdle(Duration.ofSeconds(5));
    relay.hold(); // an ICE restart: the next generation waits for its descriptions
    for (int n = 5; n <= 7; n++) {
      relay.deliver(candidate(n), Duration.ZERO);
    }
    relay.awaitIdle(Duration.ofSeconds(5));
    assertThat(batches).containsExactly(List.of(1, 2, 3, 4));

    relay.open();
    relay.awaitIdle(Duration.ofSeconds(5));
    assertThat(batches).containsExactly(List.of(1, 2, 3, 4), List.of(5, 6, 7));
    relay.shutdown();
  }

  @Test
  void aBatchWhoseOperationFailsReportsEachOfItsCandidatesAndTheNextBatchStillGoes() throws Exception {
    CountDownLatch firstTaken = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CandidateRelay relay = new CandidateRelay("bob/pc1", (batch, refuse) -> {
      int first = number(batch.get(0).candidate().split(" ")[0]);
      if (first == 1) {
        firstTaken.countDown();
        await(release);
      }
      if (first == 2) {
        throw new IllegalStateException("bob: addIceCandidates failed: the page went away");
      }
      batch.forEach(c -> added.add(c.candidate().split(" ")[0]));
    }, (c, e) -> refused.put(c.candidate().split(" ")[0], e.getMessage()));
    relay.open();
    relay.deliver(candidate(1), Duration.ZERO);
    assertThat(firstTaken.await(5, TimeUnit.SECONDS)).isTrue();
    relay.deliver(candidate(2), Duration.ZERO);
    relay.deliver(candidate(3), Duration.ZERO);
    release.countDown();
    relay.awaitIdle(Duration.ofSeconds(5));
    relay.deliver(candidate(4), Duration.ZERO);
    relay.awaitIdle(Duration.ofSeconds(5));

    assertThat(refused).containsOnlyKeys("candidate:2", "candidate:3")
        .containsValue("bob: addIceCandidates failed: the page went away");
    assertThat(added).containsExactly("candidate:1", "candidate:4");
    relay.shutdown();
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int number(String candidate) {
    return Integer.parseInt(candidate.substring("candidate:".length()));
  }
}
