package dev.callflow.net;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.junit.BrowserPair;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.InNetwork;
import dev.callflow.peer.Call;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.stats.SelectedPair;
import java.time.Duration;
import org.assertj.core.api.Assertions;

/**
 * Calls between browsers each in a network namespace of its own, in every topology and every browser pair: which
 * path ICE finds, and how it fails where there is none.
 */
@CallflowTest
class TopologyTest {
  /** Bounds the wait only: calls here connect within a second or two; a busy machine may take many times that. */
  private static final Duration CONNECT_WITHIN = Duration.ofSeconds(45);
  /** Chromium gives up on ICE about 30 s after its last check; a busy machine adds to that. */
  private static final Duration FAIL_WITHIN = Duration.ofSeconds(90);

  private static Call connect(Peer alice, Peer bob, Network network, BrowserPair pair) {
    long start = System.nanoTime();
    Call call = alice.call(bob).withDataChannel("chat").withTimeout(CONNECT_WITHIN).connect(); // the network's STUN/TURN servers
    System.out.printf("%s, %s: connected in %d ms; alice %s; bob %s%n", network.topology(), pair, (System.nanoTime() - start) / 1_000_000,
        pairOf(call.caller()), pairOf(call.callee()));
    return call;
  }

  private static String pairOf(PeerConnection pc) {
    return pc.getStats().selectedPair().map(SelectedPair::toString).orElse("(no selected pair)");
  }

  private static void talk(Call call) {
    call.callerChannel("chat").send("over the network");
    call.calleeChannel("chat").awaitMessage("over the network", Duration.ofSeconds(10));
  }

  @BrowserPairs
  @InNetwork(Topology.ONE_LINK)
  void onOneLinkConnectsHostToHost(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = connect(alice, bob, network, pair);

    assertThat(call.caller()).usesCandidatePair("host", "host", "udp");
    assertThat(call.callee()).usesCandidatePair("host", "host", "udp");
    assertThatThrownBy(() -> assertThat(call.caller()).usesServerReflexive()).hasMessageStartingWith(String.format(
        "%nExpecting alice/pc1 to use a srflx <-> srflx (through NATs, no relay) candidate pair, but the selected pair is:%n  host "));
    // Bob's address on the link is his host candidate's, seen in the callee's own pair (Firefox reports a remote host
    // candidate it learnt from a check as prflx without the signalled address).
    SelectedPair bobs = call.callee().getStats().selectedPair().orElseThrow();
    Assertions.assertThat(bobs.localCandidate().address()).as("bob's local end in %s", bobs).hasValue(network.addressOf(bob));
    talk(call);
  }

  @BrowserPairs
  @InNetwork(Topology.CONE_NAT)
  void behindConeNatsConnectsOverServerReflexiveCandidates(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = connect(alice, bob, network, pair);

    assertThat(call.caller()).usesServerReflexive();
    assertThat(call.callee()).usesServerReflexive();
    SelectedPair alices = call.caller().getStats().selectedPair().orElseThrow();
    Assertions.assertThat(alices.localCandidate().address()).as("alice's srflx address (her router's) in %s", alices)
        .hasValue(network.publicAddressOf(alice));
    talk(call);
  }

  @BrowserPairs
  @InNetwork(Topology.SYMMETRIC_NAT)
  void betweenSymmetricNatsConnectsOnlyThroughTheRelay(Peer alice, Peer bob, Network network, TurnServer turn, BrowserPair pair) {
    Call call = connect(alice, bob, network, pair);

    // One side sends through its allocation, the other from its NAT's address to that allocation: each side's selected
    // pair has one of the server's allocations at one end (read once per side: Chromium may still switch pairs).
    for (PeerConnection pc : java.util.List.of(call.caller(), call.callee())) {
      SelectedPair selected = pc.getStats().selectedPair().orElseThrow();
      String local = selected.localCandidate().address().orElse("?") + ":" + selected.localCandidate().port().orElse(0);
      String remote = selected.remoteCandidate().address().orElse("?") + ":" + selected.remoteCandidate().port().orElse(0);
      Assertions.assertThat(java.util.List.of(local, remote)).as("the ends of %s's selected pair %s, and the allocations %s", pc,
          selected, turn.allocations()).containsAnyElementsOf(turn.allocations());
    }
    talk(call);
  }

  @BrowserPairs
  @InNetwork(value = Topology.SYMMETRIC_NAT, relay = false)
  void betweenSymmetricNatsWithoutRelayFailsAndSaysWhy(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = alice.call(bob).withDataChannel("chat").start();

    long start = System.nanoTime();
    assertThatThrownBy(() -> call.awaitConnected(FAIL_WITHIN)).isInstanceOf(CallflowTimeoutError.class)
        .hasMessageContaining("connectionState is 'failed'")
        .hasMessageContaining("Candidates gathered:")
        .hasMessageContaining("srflx 1");
    System.out.printf("SYMMETRIC_NAT without relay, %s: failed after %d ms%n", pair, (System.nanoTime() - start) / 1_000_000);
  }

  @BrowserPairs
  @InNetwork(Topology.TCP_443_FIREWALL)
  void behindAFirewallThatLetsOutOnlyTcp443ConnectsThroughTurnOverTcp(Peer alice, Peer bob, Network network, TurnServer turn,
      BrowserPair pair) {
    Call call = connect(alice, bob, network, pair);

    assertThat(call.caller()).usesRelay(TurnTransport.TCP).usesRelayThrough(turn);
    talk(call);
  }
}
