package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.stats.IceCandidateStats;
import dev.callflow.stats.SelectedPair;

/** By default a call on one machine stays on loopback: no other address leaves either page. */
@CallflowTest
class HermeticCallTest {
  private static boolean loopback(String address) {
    return address.startsWith("127.") || address.equals("::1");
  }

  @BrowserPairs
  void selectedPairIsOnLoopbackAtBothEnds(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withDataChannel("chat").connect();

    SelectedPair callerPair = call.caller().getStats().selectedPair().orElseThrow(() -> new AssertionError("no selected pair on alice"));
    SelectedPair calleePair = call.callee().getStats().selectedPair().orElseThrow(() -> new AssertionError("no selected pair on bob"));
    Peer[] others = {bob, alice};
    SelectedPair[] pairs = {callerPair, calleePair};
    for (int i = 0; i < 2; i++) {
      assertThat(pairs[i].localCandidate().isLoopback()).as("local end of %s", pairs[i]).isTrue();
      // A peer-reflexive remote end is one the other side checked from before its candidate arrived
      // (the call may connect before every candidate is relayed); Chrome hides its address, so it must
      // match, by port and protocol, a loopback candidate the other side gathered.
      IceCandidateStats remote = pairs[i].remoteCandidate();
      boolean gatheredByTheOther = others[i].events().stream().map(PeerEvent::candidate).filter(c -> c != null && c.isLoopback())
          .anyMatch(c -> c.port() != null && remote.port().orElse(-1) == c.port()
              && remote.protocol().filter(p -> p.equalsIgnoreCase(c.protocol())).isPresent());
      assertThat(remote.isLoopback() || remote.address().orElse("").isEmpty() && gatheredByTheOther)
          .as("remote end of %s", pairs[i]).isTrue();
    }
    for (PeerConnection pc : new PeerConnection[] {call.caller(), call.callee()}) {
      assertThat(pc.localDescription().orElseThrow().sdp().lines().filter(l -> l.startsWith("a=candidate:")))
          .allMatch(l -> loopback(l.split(" ")[4]));
      // No check reached this browser from another address (a peer-reflexive candidate would show it).
      // Chrome hides peer-reflexive addresses in stats: those it reports empty.
      assertThat(pc.getStats().remoteCandidates())
          .extracting(c -> c.address().orElse(""))
          .allMatch(a -> a.isEmpty() || loopback(a));
    }
    assertThat(call.signals()).filteredOn(s -> s.startsWith("CANDIDATE")).isNotEmpty()
        .allMatch(s -> loopback(s.split(" ")[6]), "every relayed candidate is a loopback one");
    // The browsers did gather other addresses: the policy withheld them.
    assertThat(alice.events()).anyMatch(PeerEvent::isWithheld);
  }
}
