package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A peer's events, in the order the page recorded them. The probe pushes events over BiDi, where
 * they may overtake each other: the log holds a later event back until the ones before it arrive.
 */
final class EventLog {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String peer;
  private final List<PeerEvent> events = new ArrayList<>();
  private final List<Consumer<PeerEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Map<Long, JsonNode> heldBack = new TreeMap<>();
  private final Set<String> retired = new HashSet<>();
  private String document;
  private long nextSeq = 1;
  private Runnable onGap = () -> {};

  EventLog(String peer) {
    this.peer = peer;
  }

  /** Called (on the delivering thread) when events wait behind one that has not arrived. */
  void onGap(Runnable action) {
    this.onGap = action;
  }

  /** The number of the first event not yet delivered. */
  synchronized long nextSeq() {
    return nextSeq;
  }

  /** Takes one probe event as JSON text; delivers it, and any held back after it, in order. */
  void accept(String json) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (IOException e) {
      return; // not a probe event
    }
    List<PeerEvent> ready = new ArrayList<>();
    boolean gap;
    synchronized (this) {
      String doc = node.path("doc").asText();
      if (!doc.equals(document)) {
        if (retired.contains(doc)) {
          return; // a late event of a page that is gone
        }
        if (document != null && !heldBack.isEmpty()) {
          // The old page's missing events will never come; what it left waiting is delivered as it is.
          heldBack.clear();
        }
        if (document != null) {
          retired.add(document);
        }
        document = doc;
        nextSeq = 1;
        heldBack.clear();
      }
      if (node.path("seq").asLong() < nextSeq) {
        return; // delivered already (a recovered copy)
      }
      heldBack.put(node.path("seq").asLong(), node);
      JsonNode next;
      while ((next = heldBack.remove(nextSeq)) != null) {
        nextSeq++;
        PeerEvent event = new PeerEvent(peer, next.path("pc").isTextual() ? next.path("pc").asText() : null,
            next.path("seq").asLong(), next.path("t").asDouble(), System.nanoTime(), next.path("type").asText(), next.path("data"));
        events.add(event);
        ready.add(event);
      }
      if (!ready.isEmpty()) {
        notifyAll();
      }
      gap = !heldBack.isEmpty();
    }
    if (gap) {
      onGap.run();
    }
    for (PeerEvent event : ready) {
      for (Consumer<PeerEvent> listener : listeners) {
        listener.accept(event);
      }
    }
  }

  /** Adds an event that Java itself observed (e.g. a relay failure), so it shows in the timeline. */
  void record(String pc, String type, JsonNode data) {
    PeerEvent event = new PeerEvent(peer, pc, 0, System.currentTimeMillis(), System.nanoTime(), type, data);
    synchronized (this) {
      events.add(event);
      notifyAll();
    }
    listeners.forEach(l -> l.accept(event));
  }

  /**
   * Waits until every event of this document up to {@code seq} has been delivered, so that what an
   * operation caused is in the log when the operation returns.
   *
   * @return false if they did not all arrive in time
   */
  synchronized boolean awaitDelivered(String doc, long seq, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!(doc.equals(document) && nextSeq > seq)) {
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

  /** Calls the listener for each event from now on; close the result to stop. */
  AutoCloseable subscribe(Consumer<PeerEvent> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }
}
