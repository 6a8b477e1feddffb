package dev.callflow.net;

import static dev.callflow.assertions.CallflowAssertions.assertThat;

import dev.callflow.junit.BrowserPair;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.InNetwork;
import dev.callflow.peer.Call;
import dev.callflow.peer.Peer;
import java.time.Duration;

/** Calls between browsers each in a network namespace of its own, in every topology, and in every browser pair. */
@CallflowTest
class TopologyTest {
  private static final Duration CONNECT_WITHIN = Duration.ofSeconds(45);

  private static Call connect(Peer alice, Peer bob, Network network, BrowserPair pair) {
    long start = System.nanoTime();
    Call call = alice.call(bob).withDataChannel("chat").withIceServers(network.iceServers()).withTimeout(CONNECT_WITHIN).connect();
    System.out.printf("%s, %s: connected in %d ms; alice %s; bob %s%n", network, pair, (System.nanoTime() - start) / 1_000_000,
        call.caller().getStats().selectedPair().map(Object::toString).orElse("-"),
        call.callee().getStats().selectedPair().map(Object::toString).orElse("-"));
    return call;
  }

  @BrowserPairs
  @InNetwork(Topology.CONE_NAT)
  void behindConeNatsConnectsOverServerReflexiveCandidates(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = connect(alice, bob, network, pair);
  }
}
