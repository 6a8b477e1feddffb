package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveReachedState.shouldHaveReachedState;
import static dev.callflow.internal.assertions.ShouldHaveStatesInOrder.shouldHaveStatesInOrder;
import static dev.callflow.internal.assertions.ShouldHaveTimeBetween.shouldHaveTimeBetween;
import static dev.callflow.internal.assertions.ShouldNeverReachState.shouldNeverReachState;

import dev.callflow.peer.EventMatcher;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what happened, in order. {@code who} is a peer ({@code alice}) or one connection
 * ({@code alice/pc1}); {@code change} is a state-change event such as {@code connectionstatechange},
 * {@code iceconnectionstatechange}, {@code signalingstatechange} or {@code icegatheringstatechange}.
 */
public class TimelineAssert extends AbstractAssert<TimelineAssert, Timeline> {
  public TimelineAssert(Timeline actual) {
    super(actual, TimelineAssert.class);
  }

  private List<String> states(String who, String change) {
    return actual.filter(e -> EventMatcher.on(who, e) && e.is(change)).stream().map(PeerEvent::state).toList();
  }

  public TimelineAssert hasReached(String who, String change, String state) {
    isNotNull();
    if (!states(who, change).contains(state)) {
      throwAssertionError(shouldHaveReachedState(who, change, state, states(who, change)));
    }
    return this;
  }

  /** These states appear in this order (other states may come between them). */
  public TimelineAssert hasStatesInOrder(String who, String change, String... states) {
    isNotNull();
    List<String> seen = states(who, change);
    int next = 0;
    for (String s : seen) {
      if (next < states.length && s.equals(states[next])) {
        next++;
      }
    }
    if (next < states.length) {
      throwAssertionError(shouldHaveStatesInOrder(who, change, List.of(states), seen));
    }
    return this;
  }

  public TimelineAssert neverReached(String who, String change, String state) {
    isNotNull();
    Optional<PeerEvent> hit = actual.events().stream().filter(EventMatcher.state(who, change, state)).findFirst();
    if (hit.isPresent()) {
      throwAssertionError(shouldNeverReachState(who, change, state,
          String.format(Locale.ROOT, "+%.3fs %s", actual.secondsAt(hit.get()), hit.get().describe())));
    }
    return this;
  }

  /** The first {@code to} event comes after the first {@code from} event, at most {@code max} later. */
  public TimelineAssert hasAtMostBetween(EventMatcher from, EventMatcher to, Duration max) {
    isNotNull();
    Optional<PeerEvent> start = actual.events().stream().filter(from).findFirst();
    Optional<PeerEvent> end = start.flatMap(s -> actual.events().stream()
        .filter(e -> e.receivedNanos() >= s.receivedNanos()).filter(to).findFirst());
    String problem = null;
    if (start.isEmpty()) {
      problem = "the first event never happened";
    } else if (end.isEmpty()) {
      problem = "the second event never happened after the first";
    } else {
      Duration took = Duration.ofNanos(end.get().receivedNanos() - start.get().receivedNanos());
      if (took.compareTo(max) > 0) {
        problem = String.format(Locale.ROOT, "they were %d ms apart (at +%.3fs and +%.3fs)", took.toMillis(),
            actual.secondsAt(start.get()), actual.secondsAt(end.get()));
      }
    }
    if (problem != null) {
      throwAssertionError(shouldHaveTimeBetween(from.description(), to.description(), max.toMillis() + " ms", problem));
    }
    return this;
  }
}
