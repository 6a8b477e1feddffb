package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's events, in the order each document recorded them. The probe pushes events over BiDi,
 * where they may overtake each other: the log holds a later event back until the ones before it
 * arrive. Several documents (page loads, iframes, tabs) report at once, each with its own numbering.
 */
final class EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

  /** Ordering state of one document: each page load and each iframe counts its events from 1. */
  private static final class Document {
    long nextSeq = 1;
    final Map<Long, JsonNode> heldBack = new TreeMap<>();
  }

  private final String peer;
  private final List<PeerEvent> events = new ArrayList<>();
  private final List<Consumer<PeerEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Map<String, Document> documents = new HashMap<>();
  /** Events waiting to reach the listeners, in log order; one thread at a time delivers them. */
  private final Deque<PeerEvent> undelivered = new ArrayDeque<>();
  private boolean delivering;
  private volatile Consumer<String> onGap = doc -> {};

  EventLog(String peer) {
    this.peer = peer;
  }

  /** Called (on the delivering thread) with a document whose events wait behind one that has not arrived. */
  void onGap(Consumer<String> action) {
    this.onGap = action;
  }

  /** The number of the first event of this document not yet delivered. */
  synchronized long nextSeq(String doc) {
    return documents.computeIfAbsent(doc, d -> new Document()).nextSeq;
  }

  /** Takes one probe event as JSON text; delivers it, and any held back after it, in order. */
  void accept(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (IOException e) {
      return; // not a probe event
    }
    String doc = node.path("doc").asText();
    boolean delivered = false;
    boolean gap;
    synchronized (this) {
      Document d = documents.computeIfAbsent(doc, x -> new Document());
      long seq = node.path("seq").asLong();
      if (seq < d.nextSeq) {
        return; // delivered already (a recovered copy)
      }
      d.heldBack.put(seq, node);
      JsonNode next;
      while ((next = d.heldBack.remove(d.nextSeq)) != null) {
        d.nextSeq++;
        PeerEvent event = new PeerEvent(peer, doc, next.path("pc").isTextual() ? next.path("pc").asText() : null,
            next.path("seq").asLong(), next.path("t").asDouble(), System.nanoTime(), next.path("type").asText(), next.path("data"));
        events.add(event);
        undelivered.add(event);
        delivered = true;
      }
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

  /** A failing listener must not keep the event from the others, nor break the channel's thread. */
  private void notifyListeners(PeerEvent event) {
    for (Consumer<PeerEvent> listener : listeners) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        LOG.warn("{}: a listener failed on {}", peer, event.describe(), e);
      }
    }
  }

  /** Adds an event that Java itself observed (e.g. a relay failure), so it shows in the timeline. */
  void record(String doc, String pc, String type, JsonNode data) {
    PeerEvent event = new PeerEvent(peer, doc, pc, 0, System.currentTimeMillis(), System.nanoTime(), type, data);
    synchronized (this) {
      events.add(event);
      undelivered.add(event);
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

  synchronized List<PeerEvent> snapshot() {
    return List.copyOf(events);
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
}
