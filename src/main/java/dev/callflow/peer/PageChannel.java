package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.browser.BrowserGoneException;
import dev.callflow.failure.CallflowException;
import dev.callflow.internal.browser.BrowserSession;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.WebDriverException;

/**
 * A peer's line to its pages. Operations go out through the browser's lane; events come back over
 * BiDi into the peer's ordered {@link EventLog}, which recovers from the page what got lost on the way.
 * An operation's reply carries the events no earlier reply did, so it need not wait for BiDi to bring them.
 * An operation returns once the events it caused are in the log, together with the document it ran in:
 * no document is remembered between operations, whatever thread runs them.
 */
final class PageChannel {
  /** How long the events of a finished operation may still be on their way. */
  private static final Duration EVENTS_IN_FLIGHT = Duration.ofSeconds(5);
  /** How long an event may be late before it counts as lost and is fetched from the page. */
  private static final Duration GAP_GRACE = Duration.ofMillis(250);

  private final String peer;
  private final BrowserSession browser;
  private final EventLog log;
  private final Set<String> recovering = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;
  private final AtomicInteger recoveries = new AtomicInteger();

  /** What an operation returned, and the document (page load) it ran in; "" on a page without the probe. */
  record Reply(JsonNode value, String doc) {}

  private PageChannel(String peer, BrowserSession browser) {
    this.peer = peer;
    this.browser = browser;
    this.log = new EventLog(peer, new Places(browser.firstTab(), browser::tabOf));
  }

  /** Takes the browser's events over from its previous owner, for the peer named {@code peer}. */
  static PageChannel attach(String peer, BrowserSession browser) {
    PageChannel channel = new PageChannel(peer, browser);
    browser.attach(peer);
    channel.log.onGap(channel::recoverSoon);
    browser.onProbeEvent((text, sender) -> channel.log.accept(text, sender.context(), sender.realm()));
    browser.onConsole(line -> channel.log.record("", null, EventKind.CONSOLE, Json.object().put("text", line)));
    return channel;
  }

  EventLog log() {
    return log;
  }

  /** How many times events were fetched from a page's history because they had not arrived: a diagnostic. */
  int recoveries() {
    return recoveries.get();
  }

  /** Runs an operation on the current page, or in the document {@code args.doc} names; returns its value. */
  JsonNode invoke(String operation, ObjectNode args) {
    return call(operation, args).value();
  }

  /**
   * Runs an operation and waits until the events it caused are in the log: in the document
   * {@code args.doc} names, wherever it lives (a frame, another tab), if its events told where; else on
   * the driver's current page.
   *
   * @throws DomException if the page rejected it
   * @throws BrowserGoneException if the browser ended
   */
  Reply call(String operation, ObjectNode args) {
    if (closed) {
      throw new CallflowException(peer + " is closed: cannot run " + operation);
    }
    BrowserSession.Result result;
    try {
      result = browser.invoke(args.hasNonNull("doc") ? log.realmOf(args.path("doc").asText()) : null, operation, args);
    } catch (WebDriverException e) {
      throw new CallflowException(peer + ": " + operation + " failed in " + browser.info() + ": "
          + e.getMessage().lines().findFirst().orElse(""), e);
    }
    if (result.doc() != null && !result.events().isEmpty()) {
      log.acceptCarried(result.doc(), result.events()); // the wait below is then over at once
    }
    awaitEvents(operation, result);
    if (result.failed()) {
      JsonNode error = result.error();
      // An operation of several steps names the step that failed.
      String step = error.path("step").isTextual() ? error.path("step").asText() : operation;
      throw new DomException(peer, step, error.path("name").asText(), error.path("message").asText(),
          error.path("constraint").isTextual() ? error.path("constraint").asText() : null);
    }
    return new Reply(result.value(), result.doc() == null ? "" : result.doc());
  }

  /**
   * Opens a page and waits until the events of its loading (its scripts' calls, errors, failed loads) are in
   * the log.
   */
  void open(String url, Duration timeout) {
    BrowserSession.Result loaded = browser.open(url, timeout);
    if (loaded.value() != null) { // a page reset in place: its events since, which went to no one
      // It is the top document of the first tab (where reset() leaves the reference page): so its place is known.
      loaded.value().forEach(json -> log.accept(json.asText(), browser.firstTab(), null));
    }
    awaitEvents("open " + url, loaded);
  }

  /** Stops taking the browser's events; later operations fail. */
  void close() {
    closed = true;
    browser.detach();
    log.unsubscribeAll();
  }

  /**
   * An event did not arrive over the channel while later ones did: after a moment (it may just be
   * late), fetch what is missing from the probe's own history on the page.
   */
  private void recoverSoon(String doc) {
    if (recovering.add(doc)) {
      CompletableFuture.delayedExecutor(GAP_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
        recovering.remove(doc);
        try {
          recover(doc);
        } catch (BrowserGoneException gone) {
          // The browser ended: the next operation says so.
        }
      });
    }
  }

  /**
   * Fetches a document's events from {@code nextSeq} on, from the document itself wherever it lives.
   *
   * @throws BrowserGoneException if the browser ended
   */
  private void recover(String doc) {
    recoveries.incrementAndGet();
    try {
      BrowserSession.Result result = browser.invoke(log.realmOf(doc), "since",
          Json.object().put("doc", doc).put("from", log.nextSeq(doc)));
      if (!result.failed()) {
        result.value().forEach(json -> log.accept(json.asText()));
      }
    } catch (WebDriverException e) {
      // The page is gone or the browser closed: nothing left to recover.
    }
  }

  private void awaitEvents(String operation, BrowserSession.Result result) {
    if (result.doc() == null) {
      return; // a page without the probe
    }
    try {
      if (!log.awaitDelivered(result.doc(), result.seq(), GAP_GRACE)) {
        try {
          recover(result.doc()); // the last of them may have been lost on the way: nothing after it reveals the gap
        } catch (BrowserGoneException gone) {
          throw gone.during(operation);
        }
      }
      if (!log.awaitDelivered(result.doc(), result.seq(), EVENTS_IN_FLIGHT)) {
        throw new CallflowException(peer + ": the probe's events up to #" + result.seq() + " of " + operation
            + " did not arrive within " + EVENTS_IN_FLIGHT.toSeconds() + "s; last event: "
            + Timeline.of(log.snapshot()).render(1).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallflowException(peer + ": interrupted while waiting for the events of " + operation, e);
    }
  }
}
