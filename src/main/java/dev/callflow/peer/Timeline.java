package dev.callflow.peer;

import java.util.ArrayDeque;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;
import org.opentest4j.AssertionFailedError;

/**
 * The events of one or more peers merged into one order (the order Java received them in, each peer's
 * own events kept in its pages' order), with a text rendering for failure messages.
 */
public final class Timeline {
  /** How many page errors a failure message lists; the timeline has them all. */
  private static final int MAX_ERRORS = 10;
  private final List<PeerEvent> events;
  private final long origin;

  private Timeline(List<PeerEvent> events, long origin) {
    this.events = events;
    this.origin = origin;
  }

  /**
   * {@return the events of these peers so far, merged}
   *
   * @param peers the peers, e.g. a call's caller and callee
   */
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
   *
   * @param events events of one or more peers, e.g. from {@link Peer#events()}
   * @return the merged timeline
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

  /** {@return the events, merged in one order} */
  public List<PeerEvent> events() {
    return events;
  }

  /**
   * {@return the events that match, in order}
   *
   * @param predicate the test, e.g. an {@link EventMatcher}
   */
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
   * @param from the event the time starts at; its first match counts
   * @param to the event the time ends at; its first match after {@code from} counts
   * @return the time between the two, as Java received them
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

  /**
   * {@return the seconds from the first event of this timeline to this event, as Java received them}
   *
   * @param event an event, of this timeline or not
   */
  public double secondsAt(PeerEvent event) {
    return (event.receivedNanos() - origin) / 1e9;
  }

  /**
   * {@return the last {@code max} events, one per line: {@code +1.234s alice/pc1 connectionstatechange connected}}
   * Earlier events are counted in a first line.
   *
   * @param max the most events to show
   */
  public String render(int max) {
    return render(events, max, PeerEvent::describe);
  }

  /**
   * The timeline of a failure message: as {@link #render}, but each connection's {@code icecandidate}
   * events are one line where the first of them was, {@code alice/pc1 icecandidate ×9 (host 8, srflx 0,
   * relay 0, end-of-candidates 1)}, so the last {@code max} lines show what happened around them.
   */
  String excerpt(int max) {
    Map<String, CandidateCount> byConnection = new LinkedHashMap<>();
    Map<PeerEvent, CandidateCount> shownAt = new IdentityHashMap<>();
    List<PeerEvent> shown = new ArrayList<>();
    for (PeerEvent e : events) {
      if (!e.is(EventKind.ICE_CANDIDATE)) {
        shown.add(e);
        continue;
      }
      CandidateCount count = byConnection.computeIfAbsent(e.peer() + "/" + e.doc() + "/" + e.pc(), k -> {
        shown.add(e);
        CandidateCount first = new CandidateCount();
        shownAt.put(e, first);
        return first;
      });
      count.add(e);
    }
    return render(shown, max, e -> shownAt.containsKey(e) ? shownAt.get(e).describe(e) : e.describe());
  }

  /**
   * The local candidates each connection gathered, for the top of the failure message of an ICE failure: one line per
   * connection, counted by type ({@code alice/pc1 icecandidate ×9 (host 6, srflx 1, relay 0, end-of-candidates 1)}), so
   * that a missing srflx or relay candidate shows at once; empty if no connection gathered any.
   */
  String candidatesGathered() {
    Map<String, CandidateCount> byConnection = new LinkedHashMap<>();
    Map<String, PeerEvent> first = new LinkedHashMap<>();
    for (PeerEvent e : events) {
      if (e.is(EventKind.ICE_CANDIDATE)) {
        String key = e.peer() + "/" + e.doc() + "/" + e.pc();
        first.putIfAbsent(key, e);
        byConnection.computeIfAbsent(key, k -> new CandidateCount()).add(e);
      }
    }
    return byConnection.isEmpty() ? "" : listed("Candidates gathered:",
        byConnection.entrySet().stream().map(c -> c.getValue().describe(first.get(c.getKey()))).toList());
  }

  /**
   * The errors of the pages, for the top of a failure message: rejected WebRTC and getUserMedia calls,
   * data-channel errors, console errors and uncaught exceptions, failed resource loads and events lost on
   * their way ({@link PeerEvent#isPageError()}); empty if there were none. Each line names the peer's browser
   * ({@code browsers}: peer name to {@code firefox 153.8.0}), since so many page errors are a browser's quirks.
   */
  String pageErrors(Map<String, String> browsers) {
    List<String> errors = events.stream().filter(PeerEvent::isPageError)
        .map(e -> e.describe() + (browsers.containsKey(e.peer()) ? " (" + browsers.get(e.peer()) + ")" : "")).toList();
    if (errors.size() <= 1) {
      return errors.isEmpty() ? "" : "Page errors: " + errors.get(0);
    }
    return listed("Page errors (" + errors.size() + "):", errors);
  }

  /** The heading, then one indented line each, at most {@link #MAX_ERRORS} of them and how many more there were. */
  private static String listed(String heading, List<String> lines) {
    StringBuilder out = new StringBuilder(heading);
    lines.stream().limit(MAX_ERRORS).forEach(line -> out.append("\n  ").append(line));
    if (lines.size() > MAX_ERRORS) {
      out.append("\n  ... ").append(lines.size() - MAX_ERRORS).append(" more (see the timeline)");
    }
    return out.toString();
  }

  /**
   * The {@code icecandidateerror} events, for the top of a failure message: what each connection's STUN and
   * TURN servers answered, one line per connection, URL, code and text, counted ({@code alice/pc1
   * turn:127.0.0.1:3478?transport=udp 401 Unauthorized. ×2}); empty if there were none. A TURN server that
   * refuses the credentials answers 401; one that is down gives 701 once the browser stops waiting for it.
   */
  String candidateErrors() {
    Map<String, Integer> counted = new LinkedHashMap<>();
    for (PeerEvent e : events) {
      if (e.is(EventKind.ICE_CANDIDATE_ERROR)) {
        com.fasterxml.jackson.databind.JsonNode d = e.details();
        String line = e.peer() + "/" + e.pc() + " " + d.path("url").asText("?") + " " + d.path("errorCode").asText("?")
            + (d.path("errorText").asText("").isEmpty() ? "" : " " + d.path("errorText").asText());
        counted.merge(line, 1, Integer::sum);
      }
    }
    return counted.isEmpty() ? "" : listed("ICE candidate errors (STUN/TURN servers):",
        counted.entrySet().stream().map(c -> c.getKey() + (c.getValue() > 1 ? " ×" + c.getValue() : "")).toList());
  }

  private String render(List<PeerEvent> lines, int max, Function<PeerEvent, String> describe) {
    if (lines.isEmpty()) {
      return "  (no events)\n";
    }
    StringBuilder out = new StringBuilder();
    int from = Math.max(0, lines.size() - max);
    if (from > 0) {
      out.append("  ... ").append(from).append(" earlier events\n");
    }
    for (PeerEvent e : lines.subList(from, lines.size())) {
      out.append(String.format(Locale.ROOT, "  +%.3fs %s%n", secondsAt(e), describe.apply(e)));
    }
    return out.toString();
  }

  /** One connection's local candidates, counted by type. */
  private static final class CandidateCount {
    private final Map<String, Integer> byType = new LinkedHashMap<>();
    private int total;
    private int withheld;

    CandidateCount() {
      for (String type : List.of("host", "srflx", "relay", "end-of-candidates")) {
        byType.put(type, 0);
      }
    }

    void add(PeerEvent e) {
      total++;
      withheld += e.isWithheld() ? 1 : 0;
      String type = e.isEndOfCandidates() ? "end-of-candidates" : String.valueOf(e.candidate().type());
      byType.merge(type, 1, Integer::sum);
    }

    /** {@code alice/pc1 icecandidate ×9 (host 8, srflx 0, relay 0, end-of-candidates 1; 4 withheld by policy)}. */
    String describe(PeerEvent first) {
      StringBuilder counts = new StringBuilder();
      byType.forEach((type, n) -> counts.append(counts.length() == 0 ? "" : ", ").append(type).append(' ').append(n));
      String where = first.peer() + "/" + first.pc();
      return where + " icecandidate ×" + total + " (" + counts + (withheld > 0 ? "; " + withheld + " withheld by policy" : "") + ")";
    }
  }

  @Override
  public String toString() {
    return render(Integer.MAX_VALUE);
  }
}
