package dev.callflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TogetherTest {
  @Test
  void stepsRunAtOnceAndTheirResultsKeepTheirOrder() {
    CountDownLatch both = new CountDownLatch(2);
    Supplier<String> meet = () -> {
      both.countDown();
      try {
        // Each step finishes only once the other has started: run one after the other, they would never meet.
        return both.await(10, TimeUnit.SECONDS) ? Thread.currentThread().getName() : "alone";
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    };
    String caller = Thread.currentThread().getName();

    List<String> ran = Together.all(List.of(meet, meet), done -> {});

    assertThat(ran).hasSize(2).doesNotContain("alone");
    assertThat(ran.get(0)).isEqualTo(caller);
    assertThat(ran.get(1)).isEqualTo("callflow-together");
  }

  @Test
  void aFailureUndoesWhatTheOthersGaveAndIsThrownWithTheOthersSuppressed() {
    List<String> undone = new CopyOnWriteArrayList<>();
    IllegalStateException first = new IllegalStateException("bob's page did not open");
    IllegalArgumentException second = new IllegalArgumentException("carol's neither");

    IllegalStateException thrown = catchThrowableOfType(IllegalStateException.class, () -> Together.all(List.<Supplier<String>>of(
        () -> "alice", () -> {
          throw first;
        }, () -> {
          throw second;
        }, () -> "dave"), undone::add));

    assertThat(thrown).isSameAs(first);
    assertThat(thrown.getSuppressed()).containsExactly(second);
    assertThat(undone).containsExactlyInAnyOrder("alice", "dave");
  }

  @Test
  void bothWaitsForTheSecondStepAndThrowsTheFirstFailure() {
    List<String> done = new CopyOnWriteArrayList<>();
    RuntimeException thrown = catchThrowableOfType(RuntimeException.class, () -> Together.both(() -> {
      throw new IllegalStateException("first");
    }, () -> done.add("second")));

    assertThat(thrown).hasMessage("first");
    assertThat(done).containsExactly("second");
  }
}
