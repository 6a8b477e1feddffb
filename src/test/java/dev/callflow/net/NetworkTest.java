package dev.callflow.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.internal.net.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What a network builds, and that closing it leaves nothing behind; no browser. */
class NetworkTest {
  @Test
  void closingTheNetworkEndsEveryNamespaceItsInterfacesAndItsServer() throws Exception {
    String hostLinksBefore = hostLinks();
    Network network = Network.behindNat(NatType.CONE).start();
    Set<String> namespaces = new HashSet<>();
    ProcessHandle turn;
    try {
      network.place("alice");
      network.place("bob");
      List<Namespace> made = network.namespaces();
      assertThat(made).hasSize(6); // the segment's, the server's, and a peer's and a router's for each
      for (Namespace n : made) {
        namespaces.add(Files.readSymbolicLink(Path.of("/proc/" + n.pid() + "/ns/net")).toString());
      }
      assertThat(made.get(0).run("ip -o link show master br0")).contains("t0@", "r1@", "r2@");
      turn = network.turnServer().orElseThrow().coturnProcess();
      assertThat(turn.isAlive()).isTrue();
      assertThat(hostLinks()).as("the host's interfaces").isEqualTo(hostLinksBefore);
    } finally {
      network.close();
    }

    assertThat(turn.isAlive()).as("coturn after close").isFalse();
    assertThat(namespacesInUse()).as("network namespaces of any process after close").doesNotContainAnyElementsOf(namespaces);
    assertThat(hostLinks()).as("the host's interfaces").isEqualTo(hostLinksBefore);
  }

  @Test
  void aPeerBehindANatReachesTheServerFromItsRoutersAddress() {
    try (Network network = Network.behindNat(NatType.SYMMETRIC).start()) {
      var alice = network.place("alice");

      assertThat(alice.address()).isEqualTo("192.168.1.2");
      assertThat(alice.publicAddress()).isEqualTo("203.0.113.101");
      // The server's namespace sees where a TCP connection from alice comes from: her router's address.
      assertThat(alice.namespace().run("ip route get 203.0.113.2")).contains("via 192.168.1.1");
      assertThat(alice.other().run("iptables -t nat -S POSTROUTING")).contains("MASQUERADE --random-fully");
    }
  }

  /** The host's interfaces named as a network names its own (other programs may add and remove theirs meanwhile). */
  private static String hostLinks() throws IOException, InterruptedException {
    Process p = new ProcessBuilder("ip", "-o", "link").start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor();
    return out.lines().map(l -> l.replaceAll("^\\d+: ", "").replaceAll("[:@].*", ""))
        .filter(name -> name.matches("t0|r\\d+|p\\d+|wan|lan|br0")).sorted().toList().toString();
  }

  private static Set<String> namespacesInUse() throws IOException {
    Set<String> inUse = new HashSet<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        try {
          inUse.add(Files.readSymbolicLink(proc.resolve("ns/net")).toString());
        } catch (IOException e) {
          // ended meanwhile, or not ours to read
        }
      }
    }
    return inUse;
  }
}
