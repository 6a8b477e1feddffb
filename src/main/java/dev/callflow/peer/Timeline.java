package dev.callflow.peer;

import java.util.ArrayDeque;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * The events of one or more peers merged into one order (the order Java received them in, each peer's
 * own events kept in its pages' order), with a text rendering for failure messages.
 */
public final class Timeline {
  private final List<PeerEvent> events;
  private final long origin;

  private Timeline(List<PeerEvent> events, long origin) {
    this.events = events;
    this.origin = origin;
  }

  /** Merges the events of these peers. */
  public static Timeline of(Peer... peers) {
    List<PeerEvent> all = new ArrayList<>();
    for (Peer p : peers) {
      all.addAll(p.events());
    }
    return of(all);
  }

  /**
   * Merges events by the time Java received them, keeping each peer's events in the order they have in
   * the list (a peer's log order, which is its pages' order).
   */
  public static Timeline of(List<PeerEvent> events) {
    // An event that overtook an earlier one on its way was received first but is logged after it: so
    // peers are merged by time, and never reordered within.
    Map<String, Deque<PeerEvent>> byPeer = new LinkedHashMap<>();
    for (PeerEvent e : events) {
      byPeer.computeIfAbsent(e.peer(), p -> new ArrayDeque<>()).add(e);
    }
    PriorityQueue<Deque<PeerEvent>> next = new PriorityQueue<>(Comparator.comparingLong(d -> d.getFirst().receivedNanos()));
    next.addAll(byPeer.values());
    List<PeerEvent> merged = new ArrayList<>(events.size());
    while (!next.isEmpty()) {
      Deque<PeerEvent> peer = next.poll();
      merged.add(peer.removeFirst());
      if (!peer.isEmpty()) {
        next.add(peer);
      }
    }
    long origin = events.stream().mapToLong(PeerEvent::receivedNanos).min().orElse(System.nanoTime());
    return new Timeline(List.copyOf(merged), origin);
  }

  public List<PeerEvent> events() {
    return events;
  }

  /** The events that match, in order. */
  public List<PeerEvent> filter(Predicate<PeerEvent> predicate) {
    return events.stream().filter(predicate).toList();
  }

  /**
   * The time from the first {@code from} event to the first {@code to} event after it, as Java received
   * them: e.g. from a mark the test set to a connection.
   *
   * <pre>{@code
   * Duration clickToConnected = Timeline.of(alice, bob).between(mark("clicked Call"), state("bob", CONNECTED));
   * }</pre>
   *
   * @throws AssertionFailedError naming the event that is missing, with the marks this timeline holds and its last events
   */
  public Duration between(EventMatcher from, EventMatcher to) {
    int start = indexOf(from, 0);
    if (start < 0) {
      throw missing(from + " never happened");
    }
    int end = indexOf(to, start + 1);
    if (end < 0) {
      throw missing(String.format(Locale.ROOT, "%s never happened after %s at +%.3fs", to, from, secondsAt(events.get(start))));
    }
    return Duration.ofNanos(events.get(end).receivedNanos() - events.get(start).receivedNanos());
  }

  private int indexOf(EventMatcher matcher, int from) {
    for (int i = from; i < events.size(); i++) {
      if (matcher.test(events.get(i))) {
        return i;
      }
    }
    return -1;
  }

  private AssertionFailedError missing(String what) {
    List<String> marks = filter(e -> e.is(EventKind.MARK)).stream()
        .map(e -> String.format(Locale.ROOT, "'%s' (%s, +%.3fs)", e.markLabel(), e.peer(), secondsAt(e))).toList();
    return new AssertionFailedError("No time to measure: " + what + "\nMarks seen: "
        + (marks.isEmpty() ? "none" : String.join(", ", marks)) + "\nTimeline (last 20 events):\n" + render(20));
  }

  /** Seconds from the first event of this timeline to this event. */
  public double secondsAt(PeerEvent event) {
    return (event.receivedNanos() - origin) / 1e9;
  }

  /** The last {@code max} events, one per line: {@code +1.234s alice/pc1 connectionstatechange connected}. */
  public String render(int max) {
    StringBuilder out = new StringBuilder();
    int from = Math.max(0, events.size() - max);
    if (from > 0) {
      out.append("  ... ").append(from).append(" earlier events\n");
    }
    for (PeerEvent e : events.subList(from, events.size())) {
      out.append(String.format(Locale.ROOT, "  +%.3fs %s%n", secondsAt(e), e.describe()));
    }
    return events.isEmpty() ? "  (no events)\n" : out.toString();
  }

  @Override
  public String toString() {
    return render(Integer.MAX_VALUE);
  }
}
