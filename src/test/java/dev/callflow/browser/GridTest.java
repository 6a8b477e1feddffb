package dev.callflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.callflow.Callflow;
import dev.callflow.CallflowConfig;
import dev.callflow.internal.browser.LocalGrid;
import dev.callflow.peer.Call;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import dev.callflow.stats.SelectedPair;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.net.PortProber;

/**
 * Peers on a real Selenium Grid 4 (hub and a Chrome and a Firefox node, {@link LocalGrid}), chosen by the
 * configuration's {@code callflow.grid}: a call between browsers on different nodes, with the probe's events over
 * BiDi through the Grid's router, media and a data channel; and a Grid where nothing listens.
 */
@Execution(ExecutionMode.SAME_THREAD) // one Grid, whose sessions a test counts
class GridTest {
  private static final Duration SOON = Duration.ofSeconds(20);
  private static LocalGrid grid;
  private static Callflow callflow;

  @BeforeAll
  static void startGrid() {
    CallflowConfig config = CallflowConfig.fromEnvironment();
    grid = LocalGrid.start(config.drivers());
    callflow = Callflow.start(config.withGrid(grid.url()));
    grid.reach(callflow.server().baseUri());
  }

  @AfterAll
  static void stopGrid() {
    try {
      if (callflow != null) {
        callflow.close();
      }
    } finally {
      if (grid != null) {
        grid.close();
        assertThat(grid.processesRunning()).as("processes of the Grid left after close").isZero();
      }
    }
  }

  @Test
  void chromeCallsFirefoxOnAnotherNodeWithMediaAndADataChannel() {
    List<Peer> peers = callflow.peers(List.of(new Callflow.PeerRequest("alice", BrowserSpec.of(BrowserType.CHROME)),
        new Callflow.PeerRequest("bob", BrowserSpec.of(BrowserType.FIREFOX))));
    Peer alice = peers.get(0);
    Peer bob = peers.get(1);
    try {
      // Each browser is a session of the Grid, each on the node of its kind.
      Map<String, String> nodeOfBrowser = sessionsByBrowser(grid.status());
      assertThat(nodeOfBrowser).as("the Grid's sessions, by browser").containsOnlyKeys("chrome", "firefox");
      assertThat(nodeOfBrowser.get("chrome")).isNotEqualTo(nodeOfBrowser.get("firefox"));
      // BiDi goes through the hub (the router proxies it to the node): the nodes are reachable only inside the Grid's
      // network namespace.
      assertThat(webSocketUrls(grid.status())).hasSize(2).allMatch(u -> u.startsWith("ws://127.0.0.1:" + grid.url().getPort()
          + "/session/") && u.endsWith("/se/bidi"), "a BiDi address of the hub's");

      Call call = alice.call(bob).withAudio().withVideo().withDataChannel("chat").connect();

      assertThat(call.caller().connectionState()).isEqualTo(ConnectionState.CONNECTED);
      assertThat(call.callee().connectionState()).isEqualTo(ConnectionState.CONNECTED);
      call.callerChannel("chat").awaitOpen(SOON).send("ping over the Grid");
      call.calleeChannel("chat").awaitMessage("ping over the Grid", SOON).send("pong");
      call.callerChannel("chat").awaitMessage("pong", SOON);
      call.callee().awaitInboundMedia("audio", SOON).awaitInboundMedia("video", SOON);
      call.caller().awaitInboundMedia("audio", SOON).awaitInboundMedia("video", SOON);

      // The probe's events came over BiDi through the router, from both browsers.
      for (Peer peer : peers) {
        assertThat(peer.events()).as("%s's events", peer).anyMatch(e -> e.is(EventKind.ICE_CANDIDATE))
            .anyMatch(e -> e.is(EventKind.CHANNEL_MESSAGE));
      }
      // Hermetic on this Grid: the call runs on loopback inside the Grid's network namespace; the browsers gathered
      // the namespace's own interface too (198.18.0.1, fd00:ca11::1), never one of this machine's, and the probe
      // withheld it.
      for (SelectedPair pair : List.of(call.caller().getStats().selectedPair().orElseThrow(),
          call.callee().getStats().selectedPair().orElseThrow())) {
        assertThat(pair.localCandidate().isLoopback()).as("local end of %s", pair).isTrue();
      }
      List<String> withheld = new ArrayList<>();
      for (Peer peer : peers) {
        peer.events().stream().filter(PeerEvent::isWithheld).map(e -> e.candidate().address()).forEach(withheld::add);
      }
      assertThat(withheld).as("addresses the browsers gathered besides loopback").isNotEmpty()
          .allMatch(a -> a.equals("198.18.0.1") || a.equalsIgnoreCase("fd00:ca11::1") || a.endsWith(".local"));
    } finally {
      peers.forEach(Peer::close);
    }
  }

  @Test
  void aGridWhereNothingListensFailsAtOnceNamingIt() throws Exception {
    URL nowhere = URI.create("http://127.0.0.1:" + PortProber.findFreePort()).toURL();
    long start = System.nanoTime();
    assertThatThrownBy(() -> callflow.peer("carol", BrowserSpec.of(BrowserType.CHROME).withGrid(nowhere)))
        .isInstanceOf(BrowserLaunchException.class)
        .hasMessageStartingWith("Cannot start chrome on the Selenium Grid at " + nowhere + ": ")
        .hasMessageContaining("Check that a Selenium Grid 4 runs there");
    // Refused at once, not after a session-request timeout: the bound only keeps a busy machine from failing it.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }

  /** The {@code webSocketUrl} of each session in a Grid's {@code /status} value. */
  private static List<String> webSocketUrls(JsonNode status) {
    List<String> urls = new ArrayList<>();
    for (JsonNode node : status.path("nodes")) {
      for (JsonNode slot : node.path("slots")) {
        if (slot.path("session").isObject()) {
          urls.add(slot.path("session").path("capabilities").path("webSocketUrl").asText());
        }
      }
    }
    return urls;
  }

  /** The node URI of each browser's session in a Grid's {@code /status} value. */
  private static Map<String, String> sessionsByBrowser(JsonNode status) {
    Map<String, String> nodes = new HashMap<>();
    for (JsonNode node : status.path("nodes")) {
      for (JsonNode slot : node.path("slots")) {
        JsonNode session = slot.path("session");
        if (session.isObject()) {
          nodes.put(session.path("capabilities").path("browserName").asText(), node.path("uri").asText());
        }
      }
    }
    return nodes;
  }
}
