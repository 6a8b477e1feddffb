package dev.callflow.internal.browser;

import dev.callflow.browser.PageLoadException;
import dev.callflow.browser.BrowserGoneException;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.CandidatePolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.callflow.failure.CallflowException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.Command;
import org.openqa.selenium.bidi.HasBiDi;
import org.openqa.selenium.bidi.module.BrowsingContextInspector;
import org.openqa.selenium.bidi.module.LogInspector;
import org.openqa.selenium.bidi.module.Script;
import org.openqa.selenium.bidi.script.CallFunctionParameters;
import org.openqa.selenium.bidi.script.ChannelValue;
import org.openqa.selenium.bidi.script.LocalValue;
import org.openqa.selenium.bidi.script.RealmTarget;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.openqa.selenium.remote.service.DriverService;

/**
 * One running browser with the Callflow probe installed in every document it loads. Probe events and
 * console entries are pushed to the current listener over WebDriver BiDi as they happen. A browser on
 * this machine that ends while in use (killed, crashed) makes the next operation fail at once with a
 * {@link BrowserGoneException}.
 *
 * <p>A driver is not thread-safe: every WebDriver call the session makes, whichever thread asks, goes
 * through the browser's {@link Lane}, one at a time in order of arrival. Pushed events do not: they
 * never wait behind an operation.
 */
public final class BrowserSession implements PooledBrowser {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Runs one probe operation; the probe answers through {@code done} with JSON text. */
  private static final String INVOKE = """
      const done = arguments[arguments.length - 1];
      const probe = window.__callflow;
      if (!probe || typeof probe.invoke !== 'function') {
        done('{"error":{"name":"InvalidStateError","message":"no Callflow probe on this page"}}');
      } else {
        probe.invoke(arguments[0], arguments[1], arguments[2], done);
      }
      """;
  /** The same over BiDi, in one document's realm: the promise of the probe's reply. */
  private static final String CALL = """
      (token, operation, args) => {
        const probe = window.__callflow;
        return probe && typeof probe.call === 'function' ? probe.call(token, operation, args)
            : '{"error":{"name":"InvalidStateError","message":"no Callflow probe on this page"}}';
      }""";
  /** How long one operation may run in the page, over WebDriver classic or BiDi. */
  private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(60);

  private final BrowserSpec spec;
  private final WebDriver driver;
  private final DriverService service;
  private final LocalBrowser local;
  private final BrowserInfo info;
  private final Script script;
  private final LogInspector logs;
  private final BrowsingContextInspector contexts;
  private volatile BiConsumer<String, Sender> probeListener = (text, sender) -> {};
  private volatile Consumer<String> consoleListener = ignored -> {};
  private final String firstWindow;
  /** Each browsing context the browser created since, and its parent (itself for a tab): how a frame finds its tab. */
  private final Map<String, String> parents = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile String peer;
  /** Set and read on the lane only. */
  private Duration pageLoadTimeout;
  /** Whether a test was given the driver since the browser was last blanked: what it did to the page is unknown. */
  private volatile boolean driverGiven;
  /** The reference page's address while it is reset in place and unused since, else null: opening it again reuses it. */
  private volatile String resetPage;
  /** The documents the last {@link #reset()} ended or blanked: their events still on the way reach no later owner. */
  private volatile Set<String> formerDocs = Set.of();
  private final Lane lane;
  private final AtomicInteger callsInFlight = new AtomicInteger();
  private final AtomicInteger mostCallsInFlight = new AtomicInteger();
  private final Duration defaultPageLoadTimeout;
  /** Known to Java and the probe only: a page's own scripts cannot run Callflow's operations. */
  private final String token = java.util.UUID.randomUUID().toString();

  /**
   * A session on a Grid ({@code service} and {@code local} null) or on this machine, whose pages may
   * take {@code defaultPageLoadTimeout} to load unless told otherwise, and whose probe filters candidates as
   * {@code probePolicy} says (the spec's, or {@code ANY} in a topology's namespace).
   */
  BrowserSession(BrowserSpec spec, CandidatePolicy probePolicy, WebDriver driver, DriverService service, LocalBrowser local, BrowserInfo info,
      Duration defaultPageLoadTimeout) {
    this(spec, probePolicy, driver, service, local, info, defaultPageLoadTimeout, List.of());
  }

  /**
   * A session whose hermetic pages also keep candidates on {@code gridHosts}, the addresses of a Selenium
   * Grid's nodes (for a session on that Grid).
   */
  BrowserSession(BrowserSpec spec, WebDriver driver, DriverService service, LocalBrowser local, BrowserInfo info,
      Duration defaultPageLoadTimeout, List<String> gridHosts) {
    this(spec, spec.candidatePolicy(), driver, service, local, info, defaultPageLoadTimeout, gridHosts);
  }

  private BrowserSession(BrowserSpec spec, CandidatePolicy probePolicy, WebDriver driver, DriverService service, LocalBrowser local,
      BrowserInfo info, Duration defaultPageLoadTimeout, List<String> gridHosts) {
    this.spec = spec;
    this.defaultPageLoadTimeout = defaultPageLoadTimeout;
    this.driver = driver;
    this.service = service;
    this.local = local;
    this.info = info;
    this.lane = new Lane(info.type().id());
    // Nothing else knows the session yet: these calls need no lane.
    try {
      this.firstWindow = driver.getWindowHandle();
      driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
      this.script = new Script(driver);
      this.logs = new LogInspector(driver);
      this.contexts = new BrowsingContextInspector(driver);
      contexts.onBrowsingContextCreated(c -> parents.put(c.getId(),
          c.getParentBrowsingContext() == null ? c.getId() : c.getParentBrowsingContext()));
      contexts.onBrowsingContextDestroyed(c -> parents.remove(c.getId()));
      script.onMessage(message -> {
        if ("callflow".equals(message.getChannel())) {
          Sender sender = message.getSource() == null ? new Sender(null, null)
              : new Sender(message.getSource().getBrowsingContext().orElse(null), message.getSource().getRealm());
          message.getData().getValue().map(String::valueOf).filter(text -> !formerDocs.contains(docOf(text)))
              .ifPresent(text -> probeListener.accept(text, sender));
        }
      });
      logs.onConsoleEntry(entry -> consoleListener.accept(entry.getLevel() + ": " + entry.getText()));
      script.addPreloadScript(probeFunction(probePolicy, token, gridHosts, spec), List.of(new ChannelValue("callflow")));
    } catch (RuntimeException e) {
      close();
      throw new BrowserLaunchException("Started " + info + " but could not install the probe over WebDriver BiDi: "
          + e.getMessage(), e);
    }
    if (local != null) {
      local.whenEnded(() -> lane.end(operation -> gone(operation, ended().orElse("it ended"))));
    }
  }

  private static String probeFunction(CandidatePolicy policy, String token, List<String> gridHosts, BrowserSpec spec) {
    try (InputStream in = BrowserSession.class.getResourceAsStream("/test-pages/callflow-probe.js")) {
      if (in == null) {
        throw new CallflowException("test-pages/callflow-probe.js is missing from the classpath");
      }
      String probe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      String media;
      try (InputStream m = BrowserSession.class.getResourceAsStream("/test-pages/callflow-media.js")) {
        if (m == null) {
          throw new CallflowException("test-pages/callflow-media.js is missing from the classpath");
        }
        media = new String(m.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      Map<String, Object> given = new java.util.HashMap<>(Map.of("candidatePolicy", policy.probeName(), "token", token, "gridHosts", gridHosts));
      spec.syntheticMedia().ifPresent(m -> given.put("synthetic", m.toOptions()));
      String options = JSON.writeValueAsString(given);
      return "(channel) => (" + probe.strip() + ")(channel, " + options + ", " + media + ")";
    } catch (IOException e) {
      throw new CallflowException("Cannot read the probe script", e);
    }
  }

  @Override
  public BrowserSpec spec() {
    return spec;
  }

  public BrowserInfo info() {
    return info;
  }

  /** The browser's main process, for a browser on this machine. */
  public Optional<ProcessHandle> browserProcess() {
    return local == null ? Optional.empty() : local.browser();
  }

  /** False once the session is closed, or its browser or driver ended (killed, crashed). */
  @Override
  public boolean isRunning() {
    return !closed.get() && ended().isEmpty();
  }

  /**
   * The Selenium driver, for clicks and typing on a page as usual. Calls made on it do not go through
   * the lane: make them from one thread, the test's.
   */
  public WebDriver driver() {
    driverGiven = true;
    resetPage = null;
    return driver;
  }

  /**
   * Receives each probe event as JSON text, with the document that sent it; replaces the previous listener.
   */
  public void onProbeEvent(BiConsumer<String, Sender> listener) {
    this.probeListener = listener;
  }

  /** Receives each console entry (uncaught exceptions come from the probe); replaces the previous listener. */
  public void onConsole(Consumer<String> listener) {
    this.consoleListener = listener;
  }

  /** Names the peer this browser now serves, for error messages, until {@link #detach()}. */
  public void attach(String peerName) {
    this.peer = peerName;
  }

  /** Stops delivering events to the previous owner. */
  @Override
  public void detach() {
    probeListener = (text, sender) -> {};
    consoleListener = ignored -> {};
    peer = null;
  }

  /** How long a page may take to load unless told otherwise: the configured {@code callflow.pageLoadTimeout}. */
  public Duration defaultPageLoadTimeout() {
    return defaultPageLoadTimeout;
  }

  /**
   * Opens a page and waits for its load event; returns where the probe's events stood then (doc null without a probe).
   * The reference page, reset in place since its last peer ({@link #reset()}), is not loaded again: the value is
   * then its events since the reset, as JSON texts.
   *
   * @throws PageLoadException naming the URL and the HTTP error status, the network error (the browser
   *     showed its error page) or the timeout
   * @throws BrowserGoneException if the browser ended
   */
  public Result open(String url, Duration timeout) {
    return drive("open " + url, () -> {
      if (!timeout.equals(pageLoadTimeout)) {
        driver.manage().timeouts().pageLoadTimeout(timeout);
        pageLoadTimeout = timeout;
      }
      if (local != null) {
        local.reach(url);
      }
      String reset = resetPage;
      resetPage = null;
      if (url.equals(reset)) {
        // The page as it loaded, reset in place when its last peer closed: its events since then are the value.
        Result since = invoke("since", JSON.createObjectNode().put("from", 1));
        if (!since.failed()) {
          return since;
        }
      }
      return new PageOpener(driver, who(), info, spec.candidatePolicy() == CandidatePolicy.LOOPBACK).open(url, timeout);
    });
  }

  /** The probe's id of the driver's current document; null without a probe, or if the page cannot be scripted. */
  private String currentDoc() {
    try {
      Object doc = ((JavascriptExecutor) driver).executeScript("return window.__callflow ? window.__callflow.doc : null");
      return doc == null ? null : doc.toString();
    } catch (WebDriverException e) {
      return null;
    }
  }

  /** The doc id of a probe event's JSON text, which begins {@code {"doc":"...",}; "" if it does not. */
  private static String docOf(String event) {
    String start = "{\"doc\":\"";
    int end = event.startsWith(start) ? event.indexOf('"', start.length()) : -1;
    return end < 0 ? "" : event.substring(start.length(), end);
  }

  /** {@code alice: } when a peer uses this browser, else nothing: how messages begin. */
  private String who() {
    String p = peer;
    return p == null ? "" : p + ": ";
  }

  /** Empty while the browser runs (always, on a Grid); otherwise what ended. */
  public Optional<String> ended() {
    return local == null ? Optional.empty() : local.ended();
  }

  private void requireRunning(String operation) {
    Optional<String> ended = ended();
    if (ended.isPresent()) {
      throw gone(operation, ended.get());
    }
  }

  private BrowserGoneException gone(String operation, String what) {
    return new BrowserGoneException(peer, info, operation, what, null);
  }

  /** The failure as a {@link BrowserGoneException} if the browser or its driver ended, else as it is. */
  private RuntimeException goneOr(String operation, WebDriverException e) {
    Optional<String> ended = ended();
    return ended.isPresent() ? new BrowserGoneException(peer, info, operation, ended.get(), e) : e;
  }

  /**
   * Closes every tab a page opened, and readies the first one for the next peer: the reference page is reset in
   * place (its connections closed, its state as loaded, a new document begun), so that opening it again needs no
   * load; any other page, or one the test reached through {@link #driver()}, is blanked.
   */
  @Override
  public void reset() {
    drive("reset", () -> {
      resetPage = null;
      for (String handle : driver.getWindowHandles()) {
        if (!handle.equals(firstWindow)) {
          driver.switchTo().window(handle).close();
        }
      }
      driver.switchTo().window(firstWindow);
      String former = null;
      if (driverGiven) {
        former = currentDoc();
      } else {
        try {
          Result reset = invoke("reset", JSON.createObjectNode());
          if (!reset.failed()) {
            formerDocs = Set.of(reset.value().path("former").asText());
            resetPage = reset.value().path("url").asText();
            return null;
          }
          former = reset.doc(); // not the reference page: the one it is
        } catch (WebDriverException e) {
          // a dialog, a page the driver cannot script: loading a blank page settles it
        }
      }
      driver.get("about:blank");
      driverGiven = false;
      formerDocs = Stream.of(former, currentDoc()).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
      return null;
    });
  }

  /**
   * Runs an operation on the current page: the reference page's own, or the probe's on any page
   * (stats, descriptions, video frames). Returns the value, or the error the page reported as
   * {@code {name, message, constraint}}.
   */
  public Result invoke(String operation, ObjectNode args) {
    return invoke(null, operation, args);
  }

  /**
   * Runs an operation in one document, wherever it lives (a frame, another tab), over BiDi: the driver's
   * current window and frame, the user's, stay as they are. A document that is gone (its page navigated,
   * its frame or tab closed) answers {@code InvalidStateError}.
   *
   * @param realm the document's JavaScript realm, as a {@link Sender} names it; null for the driver's
   *     current document, over WebDriver classic
   */
  public Result invoke(String realm, String operation, ObjectNode args) {
    try {
      String argsJson = JSON.writeValueAsString(args);
      Object raw = drive(operation, () -> realm == null
          ? ((JavascriptExecutor) driver).executeAsyncScript(INVOKE, token, operation, argsJson)
          : callIn(realm, operation, argsJson));
      JsonNode reply = JSON.readTree(String.valueOf(raw));
      List<String> events = new ArrayList<>();
      reply.path("events").forEach(e -> events.add(e.asText()));
      return new Result(reply.get("value"), reply.get("error"), reply.path("doc").asText(null), reply.path("seq").asLong(0),
          List.copyOf(events));
    } catch (IOException e) {
      throw new CallflowException("Unreadable reply from " + operation, e);
    }
  }

  /**
   * BiDi's script.callFunction of {@link #CALL} in that realm: the probe's reply as JSON text. A realm,
   * not a browsing context, is the target: it is one document, and Chrome leaves calls to the context of
   * a tab the page opened unanswered.
   */
  private String callIn(String realm, String operation, String argsJson) {
    Map<String, Object> params = new CallFunctionParameters(new RealmTarget(realm), CALL, true)
        .arguments(List.of(LocalValue.stringValue(token), LocalValue.stringValue(operation), LocalValue.stringValue(argsJson)))
        .toMap();
    Map<?, ?> outcome;
    try {
      outcome = ((HasBiDi) driver).getBiDi().send(new Command<Map<?, ?>>("script.callFunction", params, Map.class), SCRIPT_TIMEOUT);
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("no such")) { // realm, frame: the document is gone
        return "{\"error\":{\"name\":\"InvalidStateError\",\"message\":\"its document is gone (the page navigated, or its frame "
            + "or tab closed)\"}}";
      }
      throw e;
    }
    if (outcome.get("result") instanceof Map<?, ?> result && result.get("value") instanceof String reply) {
      return reply;
    }
    Object why = outcome.get("exceptionDetails") instanceof Map<?, ?> details ? details.get("text") : outcome;
    throw new WebDriverException(operation + " did not answer in realm " + realm + ": " + why);
  }

  /**
   * The tab a browsing context belongs to: itself for a tab, its top-level ancestor for a frame; null
   * if the browser has not told of it (yet).
   */
  public String tabOf(String context) {
    String at = context;
    for (int depth = 0; at != null && depth < 64; depth++) {
      String parent = parents.get(at);
      if (at.equals(parent) || (parent == null && at.equals(firstWindow))) {
        return at;
      }
      at = parent;
    }
    return null;
  }

  /** {@return the browsing context of the window the browser opened with: the peer's own tab} */
  public String firstTab() {
    return firstWindow;
  }

  /**
   * Where a probe event came from: its document's browsing context and JavaScript realm, each null if the
   * browser did not name it.
   *
   * @param context the browsing context (a tab or a frame) that showed the document
   * @param realm the document's realm, where its operations run
   */
  public record Sender(String context, String realm) {}

  /**
   * The outcome of one page operation: a value, or an error object with name and message; the probe's
   * document and last event number when it finished (null and 0 without a probe); and the texts of that
   * document's events which no earlier reply carried, oldest first (a run ending at {@code seq} unless
   * it was too long), so they need not be awaited over BiDi.
   */
  public record Result(JsonNode value, JsonNode error, String doc, long seq, List<String> events) {
    /** An outcome that carries no events. */
    public Result(JsonNode value, JsonNode error, String doc, long seq) {
      this(value, error, doc, seq, List.of());
    }

    public boolean failed() {
      return error != null && !error.isNull();
    }
  }

  public Optional<byte[]> screenshot() {
    if (!isRunning()) {
      return Optional.empty();
    }
    try {
      return Optional.of(drive("screenshot", () -> ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES)));
    } catch (WebDriverException | BrowserGoneException e) {
      return Optional.empty();
    }
  }

  /**
   * The most WebDriver calls Callflow had in flight at once on this browser so far: a cheap diagnostic
   * (calls made on {@link #driver()} by a test are not counted).
   */
  public int mostCallsInFlight() {
    return mostCallsInFlight.get();
  }

  /**
   * Makes one WebDriver call (or several that belong together) on the lane, once the calls before it
   * are done; counted while in flight.
   *
   * @param operation what the caller asked for, as failures name it
   * @throws BrowserGoneException if the browser ended, before or while the call waited or ran
   */
  private <T> T drive(String operation, Supplier<T> work) {
    requireRunning(operation); // a browser that ended fails at once, without queueing
    return lane.run(operation, () -> {
      requireRunning(operation);
      mostCallsInFlight.accumulateAndGet(callsInFlight.incrementAndGet(), Math::max);
      try {
        return work.get();
      } catch (WebDriverException e) {
        throw goneOr(operation, e);
      } finally {
        callsInFlight.decrementAndGet();
      }
    });
  }

  /**
   * Ends the browser: on this machine its processes and driver are ended and its files removed, then the client's
   * side of the session is quit (at once: nothing answers); a Grid's session is quit through its driver.
   */
  @Override
  public void close() {
    if (!stop("its session was closed")) {
      return;
    }
    // Not on the lane: a call stuck there must not keep the browser from ending.
    if (local == null) {
      quitQuietly();
      return;
    }
    // No goodbye through the driver first: its profile is thrown away, and Firefox's orderly shutdown took 6 to 7 s
    // (Chrome's 1.3 to 1.9 s) on a busy machine, most of a test run's end.
    try {
      local.end();
    } finally {
      quitQuietly(); // releases the client's connections; the driver is gone, so it fails at once
      if (service != null) {
        service.stop();
      }
    }
  }

  /**
   * Ends the browser at once: kills its processes and removes its files without asking its driver
   * (a Grid session is still quit). For a JVM that is shutting down.
   */
  @Override
  public void terminate() {
    if (!stop("the JVM is shutting down")) {
      return;
    }
    if (local != null) {
      local.end();
    } else {
      quitQuietly();
    }
  }

  /** Marks the session closed and fails every call waiting on the lane with {@code why}; false if it was closed already. */
  private boolean stop(String why) {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    lane.end(operation -> gone(operation, why));
    detach();
    return true;
  }

  private void quitQuietly() {
    try {
      driver.quit();
    } catch (WebDriverException e) {
      // The browser is already gone; whatever is left of it is ended by the caller.
    }
  }

  @Override
  public String toString() {
    return info.toString();
  }
}
