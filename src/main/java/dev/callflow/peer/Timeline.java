package dev.callflow.peer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The events of one or more peers merged into one order (the order Java received them in, which
 * keeps each page's own order), with a text rendering for failure messages.
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

  public static Timeline of(List<PeerEvent> events) {
    List<PeerEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(PeerEvent::receivedNanos));
    long origin = sorted.isEmpty() ? System.nanoTime() : sorted.get(0).receivedNanos();
    return new Timeline(List.copyOf(sorted), origin);
  }

  public List<PeerEvent> events() {
    return events;
  }

  /** The events that match, in order. */
  public List<PeerEvent> filter(Predicate<PeerEvent> predicate) {
    return events.stream().filter(predicate).toList();
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
