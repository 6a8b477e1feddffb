package dev.callflow.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Latency where the user-space queue cannot run: netem if the kernel has it, else an error that says what is missing. */
class ShaperTest {
  @Test
  void delayWithoutPythonTakesNetemOrSaysThatLatencyNeedsIt() throws IOException {
    try (TwoNamespaces namespaces = new TwoNamespaces(false)) {
      Shell a = namespaces.a();
      Shaper uplink = new Shaper(new Shaper.End(a, TwoNamespaces.A_INTERFACE), new Shaper.End(namespaces.b(), TwoNamespaces.B_INTERFACE),
          "python3-not-installed");
      boolean netem = a.run("tc qdisc add dev lo root netem delay 1ms 2>/dev/null && tc qdisc del dev lo root && echo yes || true")
          .contains("yes");
      if (netem) {
        uplink.delay(Duration.ofMillis(30));
        assertThat(a.run("tc qdisc show dev " + TwoNamespaces.A_INTERFACE)).contains("netem").contains("delay 30ms");
        uplink.clear();
        assertThat(a.run("tc qdisc show dev " + TwoNamespaces.A_INTERFACE)).doesNotContain("netem");
      } else {
        assertThatThrownBy(() -> uplink.delay(Duration.ofMillis(30))).isInstanceOf(NamespaceException.class)
            .hasMessageStartingWith("Cannot add latency on cfa: the kernel's netem qdisc (sch_netem) is not there (tc: "
                + "Cannot delay packets with netem on cfa: exit status 2: Error: Specified qdisc kind is unknown.), and the "
                + "user-space delay queue, which needs python3 and netfilter queues (NFQUEUE), failed too (Cannot start the "
                + "delay queue on cfa: exit status 127: ")
            .hasMessageContaining("python3-not-installed");
        assertThat(uplink.describe()).isEqualTo("no impairment");
      }
      assertThat(a.run("iptables-save -t mangle; ip6tables-save -t mangle")).doesNotContain("cf-delay");
    }
  }
}
