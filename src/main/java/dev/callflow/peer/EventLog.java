package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's events, in the order each document recorded them. The probe pushes events over BiDi,
 * where they may overtake each other: the log holds a later event back until the ones before it
 * arrive. Several documents (page loads, iframes, tabs) report at once, each with its own numbering.
 *
 * <p>The log is bounded by size: past {@link #DEFAULT_BUDGET} characters of event text, the payloads of
 * the oldest events are dropped first (their type, order and time stay), then the oldest events.
 */
final class EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  /** Characters of event text kept before old payloads are dropped. */
  static final long DEFAULT_BUDGET = 32L * 1024 * 1024;
  /** The probe writes doc and seq first, so a refused event still says where it belongs. */
  private static final Pattern HEAD = Pattern.compile("^\\{\"doc\":\"([^\"\\\\]{1,64})\",\"seq\":(\\d{1,18})[,}]");
  /** A payload this small is kept even when the budget is spent: it is hardly worth dropping. */
  private static final int SMALL = 256;

  /** Ordering state of one document: each page load and each iframe counts its events from 1. */
  private static final class Document {
    long nextSeq = 1;
    final Map<Long, Pending> heldBack = new TreeMap<>();
    /** The browsing context and realm its events came from, once one came over BiDi. */
    String context;
    String realm;
    /** Its frames from the top down, as its probe's first event named them; null before that event. */
    List<String> frames;
    /** Where it lives, as its connections' names begin (see {@link Places}); null before its first connection. */
    String place;
    /** Whether one of its events came over the channel, which names its place. */
    boolean pushed;
  }

  /** An event waiting for its turn, with the size of its text. */
  private record Pending(PeerEvent event, int chars, long skipTo) {}

  private final String peer;
  private final long budget;
  private final Places places;
  private final Events events = new Events();
  private final List<Consumer<PeerEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Document> documents = new HashMap<>();
  /** Events waiting to reach the listeners, in log order; one thread at a time delivers them. */
  private final Deque<PeerEvent> undelivered = new ArrayDeque<>();
  private final List<Throwable> listenerFailures = new CopyOnWriteArrayList<>();
  private boolean delivering;
  private volatile Consumer<String> onGap = doc -> {};

  EventLog(String peer) {
    this(peer, DEFAULT_BUDGET);
  }

  EventLog(String peer, long budgetChars) {
    this(peer, budgetChars, Places.unknown());
  }

  /** A log whose connections are named after the places of their documents. */
  EventLog(String peer, Places places) {
    this(peer, DEFAULT_BUDGET, places);
  }

  private EventLog(String peer, long budgetChars, Places places) {
    this.peer = peer;
    this.budget = budgetChars;
    this.places = places;
  }

  /** Called (on the delivering thread) with a document whose events wait behind one that has not arrived. */
  void onGap(Consumer<String> action) {
    this.onGap = action;
  }

  /** The JavaScript realm this document's events came from, where its operations run; null before one came over BiDi. */
  synchronized String realmOf(String doc) {
    Document d = documents.get(doc);
    return d == null ? null : d.realm;
  }

  /**
   * The connection's name on this peer: the probe's id, after the place of its document if that is not
   * the top document of the peer's own tab ({@code tab2/pc1}). Names are unique across documents.
   *
   * @param id the probe's id of a connection whose {@code created} event is in the log
   */
  synchronized String nameOf(String doc, String id) {
    Document d = documents.get(doc);
    return d == null || d.place == null || d.place.isEmpty() ? id : d.place + "/" + id;
  }

  /** The event as the log keeps it: its connection named after its document's place. In log order. */
  private PeerEvent named(Document d, PeerEvent e) {
    if (e.is(EventKind.PROBE)) {
      List<String> frames = new ArrayList<>();
      e.details().path("frames").forEach(f -> frames.add(f.isNull() ? null : f.asText()));
      d.frames = frames;
    }
    if (e.pc() == null) {
      return e;
    }
    if (d.place == null) {
      d.place = places.assign(d.context, d.frames);
    }
    return d.place.isEmpty() ? e : e.renamed(d.place + "/" + e.pc());
  }

  /** The number of the first event of this document not yet delivered. */
  synchronized long nextSeq(String doc) {
    return documents.computeIfAbsent(doc, d -> new Document()).nextSeq;
  }

  /** Takes one probe event as JSON text, fetched from the page; delivers it, and any held back after it, in order. */
  void accept(String json) {
    accept(json, null, null, false);
  }

  /**
   * As {@link #accept(String)}, for an event pushed over the channel from this browsing context and realm
   * (each null if the browser did not name it): they name the document's place, and its operations run in
   * the realm.
   */
  void accept(String json, String context, String realm) {
    accept(json, context, realm, true);
  }

  /**
   * Takes the events an operation's reply carried, the same the probe pushes over the channel (which
   * brings them again later: taken once). Only for a document an event of which came over the channel
   * already, since the channel names where the document lives, and so its connections; else they are
   * left to the channel.
   *
   * @return whether they were taken
   */
  boolean acceptCarried(String doc, List<String> texts) {
    synchronized (this) {
      Document d = documents.get(doc);
      if (d == null || !d.pushed) {
        return false;
      }
    }
    texts.forEach(this::accept);
    return true;
  }

  private void accept(String json, String context, String realm, boolean pushed) {
    Matcher head = HEAD.matcher(json);
    if (head.find() && placed(head.group(1), Long.parseLong(head.group(2)), context, realm, pushed)) {
      return; // delivered already: not read again
    }
    Pending pending = parse(json);
    if (pending == null) {
      return;
    }
    String doc = pending.event().doc();
    boolean gap;
    synchronized (this) {
      Document d = documents.computeIfAbsent(doc, x -> new Document());
      place(d, context, realm, pushed);
      long seq = pending.event().seq();
      if (seq < d.nextSeq) {
        return; // delivered already (a recovered copy)
      }
      d.heldBack.putIfAbsent(seq, pending);
      boolean delivered = false;
      Pending next;
      while ((next = d.heldBack.remove(d.nextSeq)) != null) {
        d.nextSeq = Math.max(d.nextSeq, next.skipTo()) + 1;
        append(named(d, next.event()), next.chars());
        delivered = true;
      }
      d.heldBack.keySet().removeIf(s -> s < d.nextSeq); // skipped over by a note of lost events
      if (delivered) {
        notifyAll();
      }
      gap = !d.heldBack.isEmpty();
    }
    if (gap) {
      onGap.accept(doc);
    }
    deliver();
  }

  /** Notes where a document's event came from; returns whether the event {@code seq} was delivered already. */
  private synchronized boolean placed(String doc, long seq, String context, String realm, boolean pushed) {
    Document d = documents.get(doc);
    if (d == null || seq >= d.nextSeq) {
      return false;
    }
    place(d, context, realm, pushed);
    return true;
  }

  private static void place(Document d, String context, String realm, boolean pushed) {
    // The latest each: Firefox keeps a new tab's first document (about:blank) for the page it then loads.
    if (context != null) {
      d.context = context;
    }
    if (realm != null) {
      d.realm = realm;
    }
    d.pushed |= pushed;
  }

  /**
   * Reads one event. Text Jackson refuses (too deep, too long, not JSON) still takes its place in the
   * sequence, as a {@code probe-error} event saying why, so the events after it are not held back.
   */
  private Pending parse(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (Exception e) {
      Matcher head = HEAD.matcher(json);
      if (!head.find()) {
        LOG.warn("{}: dropped a message that is not a probe event ({} characters)", peer, json.length());
        return null;
      }
      ObjectNode data = Json.object().put("message", "an event of " + json.length() + " characters could not be read: "
          + e.getMessage().lines().findFirst().orElse(""));
      PeerEvent event = PeerEvent.owning(peer, head.group(1), null, Long.parseLong(head.group(2)), System.currentTimeMillis(),
          System.nanoTime(), EventKind.PROBE_ERROR, data);
      return new Pending(event, json.length(), 0);
    }
    if (node == null || !node.path("seq").canConvertToLong() || !node.path("doc").isTextual()) {
      LOG.warn("{}: dropped a message that is not a probe event ({} characters)", peer, json.length());
      return null;
    }
    JsonNode data = node.path("data");
    EventKind kind = EventKind.find(node.path("type").asText());
    if (kind == null) { // kept in its place, and readable in the timeline
      ObjectNode unknown = Json.object().put("message", "an event of unknown kind '" + node.path("type").asText() + "'");
      unknown.set("data", data);
      data = unknown;
      kind = EventKind.PROBE_ERROR;
    }
    PeerEvent event = PeerEvent.owning(peer, node.path("doc").asText(), node.path("pc").isTextual() ? node.path("pc").asText() : null,
        node.path("seq").asLong(), node.path("t").asDouble(), System.nanoTime(), kind, data);
    // A note of lost events (see the probe's since()) moves the sequence past them.
    long skipTo = event.is(EventKind.PROBE_ERROR) ? data.path("skipTo").asLong(0) : 0;
    return new Pending(event, json.length(), skipTo);
  }

  /** Adds an event in log order; over budget, old payloads and then old events make room. */
  private void append(PeerEvent event, int chars) {
    events.add(event, chars);
    undelivered.add(event);
    if (events.chars() > budget) {
      events.shrinkTo(budget * 3 / 4);
    }
  }

  /**
   * Hands waiting events to the listeners in log order. The channel calls {@link #accept} from several
   * threads at once; whichever finds nobody delivering delivers everything queued, so listeners see
   * one event at a time, in order.
   */
  private void deliver() {
    while (true) {
      PeerEvent next;
      synchronized (this) {
        if (delivering || undelivered.isEmpty()) {
          return;
        }
        delivering = true;
        next = undelivered.poll();
      }
      try {
        notifyListeners(next);
      } finally {
        synchronized (this) {
          delivering = false;
        }
      }
    }
  }

  /**
   * Every listener gets every event: one that fails, even with an {@link AssertionError}, does not
   * keep it from the others nor escape onto the channel's thread. Its failure goes into the timeline
   * and is kept for the test that owns the peer ({@link #listenerFailures()}).
   */
  private void notifyListeners(PeerEvent event) {
    for (Consumer<PeerEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (VirtualMachineError fatal) {
        throw fatal;
      } catch (Throwable e) {
        listenerFailures.add(e);
        LOG.warn("{}: a listener failed on {}", peer, event.describe(), e);
        record(event.doc(), event.pc(), EventKind.LISTENER_ERROR, Json.object().put("event", event.describe()).put("error", String.valueOf(e)));
      }
    }
  }

  /** What event listeners threw, in order; the JUnit extension fails the test with them. */
  List<Throwable> listenerFailures() {
    return List.copyOf(listenerFailures);
  }

  /** Adds an event that Java itself observed (e.g. a relay failure), so it shows in the timeline. */
  void record(String doc, String pc, EventKind kind, JsonNode data) {
    PeerEvent event = new PeerEvent(peer, doc, pc, 0, System.currentTimeMillis(), System.nanoTime(), kind, data);
    synchronized (this) {
      append(event, data == null ? 0 : data.toString().length());
      notifyAll();
    }
    deliver();
  }

  /**
   * Waits until every event of this document up to {@code seq} has been delivered, so that what an
   * operation caused is in the log when the operation returns.
   *
   * @return false if they did not all arrive in time
   */
  synchronized boolean awaitDelivered(String doc, long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (nextSeq(doc) <= seq) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** The events so far: an unmodifiable view that later events do not change; taking it copies nothing. */
  synchronized List<PeerEvent> snapshot() {
    return events.view();
  }

  /** How many events were dropped whole to keep the log within its budget. */
  synchronized long dropped() {
    return events.dropped();
  }

  /** The characters of event text the log holds now. */
  synchronized long chars() {
    return events.chars();
  }

  /** Forgets every listener (the peer is closed). */
  void unsubscribeAll() {
    listeners.clear();
  }

  /** Calls the listener for each event from now on, one event at a time in log order; close the result to stop. */
  AutoCloseable subscribe(Consumer<PeerEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /**
   * An append-only array of events: a view is the array and a length, so taking one is free and
   * appending never disturbs it. Making room replaces the array; views keep the one they saw.
   */
  private static final class Events {
    private PeerEvent[] items = new PeerEvent[256];
    private int[] sizes = new int[256];
    private int size;
    private long chars;
    private long dropped;
    /** Events before this index have had their payload dropped already. */
    private int trimmedUpTo;

    void add(PeerEvent event, int eventChars) {
      if (size == items.length) {
        items = Arrays.copyOf(items, size * 2);
        sizes = Arrays.copyOf(sizes, size * 2);
      }
      items[size] = event;
      sizes[size++] = eventChars;
      chars += eventChars;
    }

    long chars() {
      return chars;
    }

    long dropped() {
      return dropped;
    }

    /** Drops old payloads, then old events, until the text held is at most {@code target}. */
    void shrinkTo(long target) {
      PeerEvent[] copy = items.clone(); // views keep the payloads they saw
      for (; trimmedUpTo < size && chars > target; trimmedUpTo++) {
        if (sizes[trimmedUpTo] > SMALL) {
          PeerEvent e = copy[trimmedUpTo];
          copy[trimmedUpTo] = PeerEvent.owning(e.peer(), e.doc(), e.pc(), e.seq(), e.browserTime(), e.receivedNanos(), e.kind(),
              Json.object().put("dropped", "payload of " + sizes[trimmedUpTo] + " characters dropped to bound memory"));
          chars -= sizes[trimmedUpTo] - SMALL;
          sizes[trimmedUpTo] = SMALL;
        }
      }
      int drop = 0;
      while (drop < size && chars > target) {
        chars -= sizes[drop++];
      }
      if (drop > 0) {
        dropped += drop;
        size -= drop;
        trimmedUpTo = Math.max(0, trimmedUpTo - drop);
        copy = Arrays.copyOfRange(copy, drop, drop + Math.max(size, 256));
        sizes = Arrays.copyOfRange(sizes, drop, drop + Math.max(size, 256));
      }
      items = copy;
    }

    List<PeerEvent> view() {
      return new View(items, size);
    }
  }

  private static final class View extends AbstractList<PeerEvent> implements RandomAccess {
    private final PeerEvent[] items;
    private final int size;

    View(PeerEvent[] items, int size) {
      this.items = items;
      this.size = size;
    }

    @Override
    public PeerEvent get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return items[index];
    }

    @Override
    public int size() {
      return size;
    }
  }
}
