package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveReachedState.shouldHaveReachedState;
import static dev.callflow.internal.assertions.ShouldHaveRolledBack.shouldHaveRolledBack;
import static dev.callflow.internal.assertions.ShouldHaveStatesInOrder.shouldHaveStatesInOrder;
import static dev.callflow.internal.assertions.ShouldHaveTimeBetween.shouldHaveTimeBetween;
import static dev.callflow.internal.assertions.ShouldNeverReachState.shouldNeverReachState;

import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.EventMatcher;
import dev.callflow.peer.IceConnectionState;
import dev.callflow.peer.IceGatheringState;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.PeerState;
import dev.callflow.peer.SignalingState;
import dev.callflow.peer.Timeline;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on what happened, in order. {@code who} is a peer ({@code alice}) or one connection
 * ({@code alice/pc1}); a state ({@link ConnectionState}, {@link IceConnectionState}, {@link SignalingState},
 * {@link IceGatheringState}) names the change event that reports it.
 *
 * <pre>{@code
 * assertThat(call.timeline()).hasStatesInOrder("bob", ConnectionState.CONNECTING, ConnectionState.CONNECTED)
 *     .neverReached("bob", ConnectionState.FAILED);
 * }</pre>
 */
public class TimelineAssert extends AbstractAssert<TimelineAssert, Timeline> {
  /**
   * Assertions on this timeline; {@link CallflowAssertions#assertThat(Timeline)} is the usual way in.
   *
   * @param actual the timeline, checked for null by each assertion
   */
  public TimelineAssert(Timeline actual) {
    super(actual, TimelineAssert.class);
  }

  /** The browser's spellings of the states {@code who} went through in changes of this kind, known to Callflow or not. */
  private List<String> states(String who, EventKind change) {
    return actual.filter(e -> EventMatcher.on(who, e) && e.is(change)).stream().map(PeerEvent::stateName).toList();
  }

  /**
   * {@code who} reached this state at some point.
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @param state the state, of any of the four kinds
   * @return this assertion, to chain more
   * @throws AssertionError if it never did, listing the states of that kind it went through
   */
  public TimelineAssert hasReached(String who, PeerState state) {
    isNotNull();
    List<String> seen = states(who, state.change());
    if (!seen.contains(state.webName())) {
      throwAssertionError(shouldHaveReachedState(who, state.change().webName(), state.webName(), seen));
    }
    return this;
  }

  /**
   * {@code who} went through these states, all of one kind, in this order (other states may come between them).
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @param states one or more states of one kind, in the expected order
   * @return this assertion, to chain more
   * @throws AssertionError if it did not, listing the states of that kind it went through
   * @throws IllegalArgumentException if no state is given, or states of different kinds
   */
  public TimelineAssert hasStatesInOrder(String who, PeerState... states) {
    isNotNull();
    if (states.length == 0 || Arrays.stream(states).map(PeerState::change).distinct().count() > 1) {
      throw new IllegalArgumentException("hasStatesInOrder takes one or more states of one kind, not " + Arrays.toString(states));
    }
    EventKind change = states[0].change();
    List<String> expected = Arrays.stream(states).map(PeerState::webName).toList();
    List<String> seen = states(who, change);
    int next = 0;
    for (String s : seen) {
      if (next < expected.size() && expected.get(next).equals(s)) {
        next++;
      }
    }
    if (next < expected.size()) {
      throwAssertionError(shouldHaveStatesInOrder(who, change.webName(), expected, seen));
    }
    return this;
  }

  /**
   * {@code who} never reached this state.
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @param state the state, of any of the four kinds
   * @return this assertion, to chain more
   * @throws AssertionError if it did, quoting the first time it did
   */
  public TimelineAssert neverReached(String who, PeerState state) {
    isNotNull();
    Optional<PeerEvent> hit = actual.events().stream().filter(EventMatcher.state(who, state)).findFirst();
    if (hit.isPresent()) {
      throwAssertionError(shouldNeverReachState(who, state.change().webName(), state.webName(),
          String.format(Locale.ROOT, "+%.3fs %s", actual.secondsAt(hit.get()), hit.get().describe())));
    }
    return this;
  }

  /**
   * {@code who} rolled back a local offer: it called {@code setLocalDescription({type: "rollback"})} and that call
   * succeeded, as the polite side of perfect negotiation does in glare (see {@link dev.callflow.peer.Call#glare()}).
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @return this assertion, to chain more
   * @throws AssertionError if it did not, listing its description calls and their outcomes
   */
  public TimelineAssert hasRolledBack(String who) {
    isNotNull();
    List<PeerEvent> calls = actual.filter(e -> EventMatcher.on(who, e) && (e.is(EventKind.CALL) || e.is(EventKind.RESULT) || e.is(EventKind.ERROR))
        && ("setLocalDescription".equals(e.method()) || "setRemoteDescription".equals(e.method())));
    EventMatcher rollback = EventMatcher.rollback(who);
    for (int i = 0; i < calls.size(); i++) {
      PeerEvent call = calls.get(i);
      if (!rollback.test(call)) {
        continue;
      }
      for (PeerEvent later : calls.subList(i + 1, calls.size())) {
        if ("setLocalDescription".equals(later.method()) && !later.is(EventKind.CALL) && later.doc().equals(call.doc())
            && java.util.Objects.equals(later.pc(), call.pc())) {
          if (later.is(EventKind.RESULT)) {
            return this;
          }
          break;
        }
      }
    }
    throwAssertionError(shouldHaveRolledBack(who, calls.stream().map(PeerEvent::describe).toList()));
    return this;
  }

  /**
   * The first {@code to} event comes after the first {@code from} event, at most {@code max} later (as Java
   * received them).
   *
   * @param from the event the time starts at, e.g. {@code EventMatcher.mark("clicked Call")}
   * @param to the event the time ends at
   * @param max the longest time allowed between them
   * @return this assertion, to chain more
   * @throws AssertionError if either event is missing or they are further apart, saying which
   */
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
