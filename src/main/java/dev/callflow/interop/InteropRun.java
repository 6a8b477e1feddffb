package dev.callflow.interop;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserInfo;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.Sampling;
import dev.callflow.net.Network;
import dev.callflow.net.Topology;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventMatcher;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Timeline;
import dev.callflow.peer.Call;
import dev.callflow.stats.StatsReport;
import dev.callflow.stats.StatsSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Plays scenarios over browser pairs on one {@link Callflow} session (browsers stay warm between
 * scenarios; every scenario gets fresh pages) and collects a {@link ScenarioResult} for each.
 */
public final class InteropRun {
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);
  private static final Duration SAMPLE_FOR = Duration.ofSeconds(2);

  private final Callflow callflow;
  private final java.util.function.Function<BrowserType, BrowserSpec> specs;
  private final Optional<Topology> network;
  private final Map<BrowserType, BrowserInfo> browsers = new LinkedHashMap<>();

  /**
   * A run on this session, both peers of each pair on loopback.
   *
   * @param callflow the session whose warm browsers the scenarios use
   * @param specs how to start each browser (headless or not, ...)
   */
  public InteropRun(Callflow callflow, java.util.function.Function<BrowserType, BrowserSpec> specs) {
    this(callflow, specs, Optional.empty());
  }

  /**
   * A run on this session, each scenario and pair in a network of this topology of its own if one is given: fresh
   * browsers placed in it, whose calls use its STUN and TURN servers.
   *
   * @param callflow the session whose server and configuration the scenarios use (and its warm browsers, without a network)
   * @param specs how to start each browser (headless or not, ...)
   * @param network the topology each pair is placed in, or empty for loopback
   */
  public InteropRun(Callflow callflow, java.util.function.Function<BrowserType, BrowserSpec> specs, Optional<Topology> network) {
    this.callflow = callflow;
    this.specs = specs;
    this.network = network;
  }

  /** {@return the browsers seen so far, by type: name, version, driver version} */
  public Map<BrowserType, BrowserInfo> browsers() {
    return browsers;
  }

  /**
   * Plays every scenario over every pair, calling {@code progress} after each.
   *
   * @param scenarios the scenarios, played in this order
   * @param pairs caller and callee types, each an array of two
   * @param progress told of each result as soon as it is known
   * @return every result, scenario by scenario and pair by pair
   */
  public List<ScenarioResult> play(List<Scenario> scenarios, List<BrowserType[]> pairs, Consumer<ScenarioResult> progress) {
    List<ScenarioResult> results = new ArrayList<>();
    for (Scenario scenario : scenarios) {
      for (BrowserType[] pair : pairs) {
        ScenarioResult result = play(scenario, pair[0], pair[1]);
        results.add(result);
        progress.accept(result);
      }
    }
    return results;
  }

  /**
   * Plays one scenario on fresh pages and closes them (and the pair's network, if the run has one). A failure of the
   * flow (an exception or an assertion) becomes a failed result, never a throw; the stats, console and screenshots
   * are collected either way.
   *
   * @param scenario the flow to play
   * @param callerType the caller's browser
   * @param calleeType the callee's browser
   * @return the result, passed or not
   * @throws dev.callflow.browser.BrowserLaunchException if a browser could not be started
   * @throws dev.callflow.failure.CallflowException if the run's network cannot be built here, saying why
   */
  public ScenarioResult play(Scenario scenario, BrowserType callerType, BrowserType calleeType) {
    List<Callflow.PeerRequest> requests = List.of(new Callflow.PeerRequest("caller", specs.apply(callerType)),
        new Callflow.PeerRequest("callee", specs.apply(calleeType)));
    if (network.isEmpty()) {
      return play(scenario, callflow.peers(requests));
    }
    try (Network placed = Network.of(network.get()).start()) {
      return play(scenario, placed.peers(callflow, requests));
    }
  }

  private ScenarioResult play(Scenario scenario, List<Peer> peers) {
    Peer caller = peers.get(0);
    Peer callee = peers.get(1);
    BrowserType callerType = caller.browser().type();
    BrowserType calleeType = callee.browser().type();
    browsers.putIfAbsent(callerType, caller.browser());
    browsers.putIfAbsent(calleeType, callee.browser());
    long start = System.nanoTime();
    Call call = null;
    String message = "";
    List<CodecCell> cells = new ArrayList<>();
    try {
      call = scenario instanceof CodecMatrix matrix ? matrix.play(caller, callee, cells::add) : scenario.play(caller, callee);
    } catch (RuntimeException | AssertionError e) {
      message = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).strip();
    }
    long end = System.nanoTime();
    try {
      Optional<PeerConnection> callerPc = last(caller);
      Optional<PeerConnection> calleePc = last(callee);
      StatsSeries[] stats = sample(callerPc, calleePc);
      Map<String, List<String>> console = new LinkedHashMap<>();
      Map<String, byte[]> screenshots = new LinkedHashMap<>();
      for (Peer p : peers) {
        console.put(p.name(), p.console());
        p.screenshot().ifPresent(png -> screenshots.put(p.name(), png));
      }
      List<PeerEvent> events = Timeline.of(caller, callee).events();
      return new ScenarioResult(scenario.id(), scenario.description(), callerType, calleeType, message.isEmpty(), message,
          start, end, connectedMs(events, start), codecs(stats), candidateTypes(calleePc, stats[1]),
          callerPc.flatMap(pc -> safe(() -> pc.localDescription().map(d -> d.sdp()).orElse(""))).orElse(""),
          calleePc.flatMap(pc -> safe(() -> pc.localDescription().map(d -> d.sdp()).orElse(""))).orElse(""),
          List.of(), events, stats[0], stats[1], console, screenshots, cells);
    } finally {
      if (call != null) {
        call.close();
      }
      peers.forEach(Peer::close);
    }
  }

  private static Optional<PeerConnection> last(Peer peer) {
    List<PeerConnection> all = peer.connections();
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
  }

  private static <T> Optional<T> safe(java.util.function.Supplier<T> s) {
    try {
      return Optional.ofNullable(s.get());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** getStats() of both sides every 250 ms for 2 s, for the report's charts. */
  private static StatsSeries[] sample(Optional<PeerConnection> caller, Optional<PeerConnection> callee) {
    List<StatsReport> a = new ArrayList<>();
    List<StatsReport> b = new ArrayList<>();
    if (caller.isPresent() && callee.isPresent()) {
      safe(() -> {
        Sampling.every(SAMPLE_EVERY, SAMPLE_FOR, () -> {
          a.add(caller.get().getStats());
          b.add(callee.get().getStats());
        });
        return true;
      });
    }
    return new StatsSeries[] {StatsSeries.of(a), StatsSeries.of(b)};
  }

  private static long connectedMs(List<PeerEvent> events, long start) {
    long caller = firstConnected(events, "caller");
    long callee = firstConnected(events, "callee");
    return caller < 0 || callee < 0 ? -1 : (Math.max(caller, callee) - start) / 1_000_000;
  }

  private static long firstConnected(List<PeerEvent> events, String peer) {
    return events.stream().filter(EventMatcher.state(peer, ConnectionState.CONNECTED))
        .mapToLong(PeerEvent::receivedNanos).findFirst().orElse(-1);
  }

  private static List<String> codecs(StatsSeries[] stats) {
    Set<String> out = new LinkedHashSet<>();
    for (StatsSeries s : stats) {
      if (!s.samples().isEmpty()) {
        StatsReport last = s.samples().get(s.samples().size() - 1);
        last.inboundRtp().forEach(in -> last.codecOf(in).flatMap(c -> c.mimeType()).ifPresent(out::add));
      }
    }
    return List.copyOf(out);
  }

  /** The callee's selected pair, e.g. {@code host/host udp}; a prflx remote end as the caller signalled it. */
  private static String candidateTypes(Optional<PeerConnection> calleePc, StatsSeries callee) {
    if (callee.samples().isEmpty() || calleePc.isEmpty()) {
      return "";
    }
    return callee.samples().get(callee.samples().size() - 1).selectedPair()
        .map(p -> p.localCandidate().candidateType().orElse("?") + "/" + calleePc.get().signalledType(p.remoteCandidate())
            + " " + p.localCandidate().protocol().orElse("?"))
        .orElse("");
  }
}
