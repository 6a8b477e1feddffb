package dev.callflow.internal;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.failure.CallflowException;
import dev.callflow.failure.CallflowTimeoutError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wait engine without a browser: events come from a test thread, through a wake-up source. */
class WaitTest {
  private static final Duration QUICKLY = Duration.ofSeconds(5);
  private final Events events = new Events();
  private Thread other;

  @AfterEach
  void joinOtherThread() throws InterruptedException {
    if (other != null) {
      other.join(QUICKLY.toMillis());
    }
  }

  @Test
  void endsWhenAnEventMakesTheConditionTrue() {
    AtomicBoolean connected = new AtomicBoolean();
    onceSubscribed(() -> {
      connected.set(true);
      events.fire();
    });

    long started = System.nanoTime();
    // Polled every minute, it can only end soon because the event woke it.
    Wait.until("alice→bob should reach 'connected'").atMost(ofMinutes(1)).every(ofMinutes(1)).wakingOn(events)
        .await(connected::get);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    assertThat(events.listeners).as("the wait forgets its wake-up listener").isEmpty();
  }

  @Test
  void aConditionThatHoldsAtOnceNeedsNoWaiting() {
    Wait.Outcome outcome = Wait.until("already there").atMost(Duration.ZERO).check(() -> true);

    assertThat(outcome.met()).isTrue();
    assertThat(outcome.stoppedEarly()).isFalse();
  }

  @Test
  void aTimeoutSaysWhatHowLongTheLastStateAndTheTimeline() {
    AtomicInteger checks = new AtomicInteger();
    long started = System.nanoTime();

    CallflowTimeoutError error = catchThrowableOfType(CallflowTimeoutError.class,
        () -> Wait.until("alice→bob should reach 'connected'").atMost(ofMillis(300)).every(ofMillis(20))
            .lastSeen(() -> "alice=connecting, bob=connecting")
            .timeline(n -> "  +0.01s alice/pc1 connectionstatechange connecting (last " + n + ")")
            .await(() -> checks.incrementAndGet() < 0));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(ofMillis(300));
    assertThat(error).isInstanceOf(AssertionError.class).hasMessage("""
        alice→bob should reach 'connected' within 300ms
        Last seen: alice=connecting, bob=connecting
        Timeline (last 40 events):
          +0.01s alice/pc1 connectionstatechange connecting (last 40)""");
    assertThat(checks.get()).as("checked more than once within the time").isGreaterThan(1);
  }

  @Test
  void aTerminalStateEndsTheWaitWellBeforeItsTimeout() {
    AtomicReference<String> terminal = new AtomicReference<>();
    onceSubscribed(() -> {
      terminal.set("bob/pc1 connectionState is 'failed'");
      events.fire();
    });
    long started = System.nanoTime();

    CallflowTimeoutError error = catchThrowableOfType(CallflowTimeoutError.class,
        () -> Wait.until("alice→bob should reach 'connected'").atMost(ofMinutes(1)).every(ofMinutes(1)).wakingOn(events)
            .failFastOn(terminal::get).lastSeen(() -> "bob=failed").timeline(n -> "  +0.02s bob/pc1 connectionstatechange failed")
            .await(() -> false));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    assertThat(error.getMessage())
        .startsWith("alice→bob should reach 'connected', but bob/pc1 connectionState is 'failed' after ")
        .contains("\nLast seen: bob=failed\nTimeline (last 40 events):\n  +0.02s bob/pc1 connectionstatechange failed");
  }

  @Test
  void anAssertionPutsTheSameExplanationUnderItsOwnMessage() {
    Wait.Outcome outcome = Wait.until("bob/pc1 should show playing video").atMost(ofMinutes(1))
        .failFastOn(() -> "bob/pc1 connectionState is 'closed'").lastSeen(() -> "bob/pc1 connection=closed")
        .timeline(n -> "  +1.00s bob/pc1 call close").check(() -> false);

    assertThat(outcome.met()).isFalse();
    assertThat(outcome.stoppedEarly()).isTrue();
    assertThat(outcome.explanation()).matches("""
        Stopped early: bob/pc1 connectionState is 'closed' after (\\d+ms|\\d+(\\.\\d\\d)?s)
        Last seen: bob/pc1 connection=closed
        Timeline \\(last 40 events\\):
          \\+1.00s bob/pc1 call close""");
    assertThat(catchThrowableOfType(CallflowTimeoutError.class, () -> outcome.orThrow("Expecting video")))
        .hasMessage("Expecting video");
  }

  @Test
  void aConditionMetWinsOverATerminalState() {
    Wait.Outcome outcome = Wait.until("bob/pc1 should reach 'failed'").failFastOn(() -> "bob/pc1 connectionState is 'failed'")
        .check(() -> true);

    assertThat(outcome.met()).isTrue();
  }

  @Test
  void aConditionThatThrowsEndsTheWaitWithItsOwnException() {
    IllegalStateException broken = new IllegalStateException("getStats failed");
    AtomicInteger checks = new AtomicInteger();

    IllegalStateException thrown = catchThrowableOfType(IllegalStateException.class,
        () -> Wait.until("media should flow").atMost(ofMinutes(1)).await(() -> {
          checks.incrementAndGet();
          throw broken;
        }));

    assertThat(thrown).isSameAs(broken);
    assertThat(checks.get()).as("an error is not retried").isEqualTo(1);
  }

  @Test
  void aTerminalStateExplainsAConditionThatThrows() {
    IllegalStateException broken = new IllegalStateException("the connection is closed");

    CallflowTimeoutError error = catchThrowableOfType(CallflowTimeoutError.class,
        () -> Wait.until("media should flow").atMost(ofMinutes(1)).failFastOn(() -> "bob/pc1 connectionState is 'closed'")
            .await(() -> {
              throw broken;
            }));

    assertThat(error.getMessage()).startsWith("media should flow, but bob/pc1 connectionState is 'closed' after ");
    assertThat(error.getSuppressed()).containsExactly(broken);
  }

  @Test
  void anInterruptEndsTheWaitAndKeepsTheFlag() {
    Thread waiting = Thread.currentThread();
    onceSubscribed(waiting::interrupt);
    long started = System.nanoTime();

    CallflowException error = catchThrowableOfType(CallflowException.class,
        () -> Wait.until("alice→bob should reach 'connected'").atMost(ofMinutes(1)).every(ofMinutes(1)).wakingOn(events)
            .await(() -> false));

    assertThat(Thread.interrupted()).as("the interrupt flag is still set").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(QUICKLY);
    assertThat(error).hasMessage("Interrupted while waiting: alice→bob should reach 'connected'")
        .hasCauseInstanceOf(InterruptedException.class);
  }

  @Test
  void aTimeBelowASecondIsPrintedInMilliseconds() {
    CallflowTimeoutError error = catchThrowableOfType(CallflowTimeoutError.class,
        () -> Wait.until("alice→bob should reach 'connected'").atMost(ofMillis(1)).await(() -> false));

    assertThat(error.getMessage()).startsWith("alice→bob should reach 'connected' within 1ms\n");
    assertThat(Wait.format(Duration.ZERO)).isEqualTo("0ms");
    assertThat(Wait.format(ofMillis(999))).isEqualTo("999ms");
    assertThat(Wait.format(ofMillis(1500))).isEqualTo("1.50s");
    assertThat(Wait.format(Duration.ofSeconds(5))).isEqualTo("5s");
  }

  @Test
  void aStateThatArrivedByTheDeadlineMeetsTheWaitInsteadOfShowingInItsFailure() {
    AtomicBoolean connected = new AtomicBoolean();

    // The state arrives after the last check in time, as it is read for the message: the wait then holds.
    Wait.Outcome outcome = Wait.until("alice→bob should reach 'connected'").atMost(ofMillis(1))
        .lastSeen(() -> {
          connected.set(true);
          return "alice=connected, bob=connected";
        })
        .check(connected::get);

    assertThat(outcome.met()).isTrue();
  }

  @Test
  void pageErrorsComeFirstAfterTheHeadline() {
    Wait.Outcome outcome = Wait.until("alice→bob should reach 'connected'").atMost(ofMillis(1))
        .causes(() -> "Page errors: alice/pc1 error setRemoteDescription NotSupportedError: no m= lines")
        .lastSeen(() -> "alice=new").timeline(n -> "  +0.01s alice/pc1 call setRemoteDescription")
        .check(() -> false);

    assertThat(outcome.message()).isEqualTo("""
        alice→bob should reach 'connected' within 1ms
        Page errors: alice/pc1 error setRemoteDescription NotSupportedError: no m= lines
        Last seen: alice=new
        Timeline (last 40 events):
          +0.01s alice/pc1 call setRemoteDescription""");
  }

  @Test
  void aSpecIsImmutable() {
    Wait base = Wait.until("x").atMost(ofMillis(100));
    Wait longer = base.atMost(ofMinutes(1));

    assertThat(base).hasToString("x within 100ms");
    assertThat(longer).hasToString("x within 60s");
  }

  @Test
  void samplingTakesASampleEachRoundUntilTheEnd() {
    List<Long> at = new CopyOnWriteArrayList<>();
    long started = System.nanoTime();

    Sampling.every(ofMillis(50), ofMillis(300), () -> at.add(System.nanoTime() - started));

    assertThat(at).hasSizeBetween(3, 8);
    assertThat(at.get(0)).isLessThan(ofMillis(50).toNanos());
    assertThat(at.get(at.size() - 1)).isGreaterThanOrEqualTo(ofMillis(300).toNanos());
  }

  /** Runs {@code action} on another thread once the wait under test listens for events. */
  private void onceSubscribed(Runnable action) {
    other = new Thread(() -> {
      try {
        events.subscribed.await();
        action.run();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "wait-test-events");
    other.start();
  }

  /** A wake-up source the test fires by hand. */
  private static final class Events implements Wait.Wakeup {
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    final CountDownLatch subscribed = new CountDownLatch(1);

    @Override
    public AutoCloseable subscribe(Runnable onChange) {
      listeners.add(onChange);
      subscribed.countDown();
      return () -> listeners.remove(onChange);
    }

    void fire() {
      listeners.forEach(Runnable::run);
    }
  }
}
