package dev.callflow.net;

import static dev.callflow.internal.net.TwoNamespaces.A_ADDRESS;
import static dev.callflow.internal.net.TwoNamespaces.A_INTERFACE;
import static dev.callflow.internal.net.TwoNamespaces.B_ADDRESS;
import static dev.callflow.internal.net.TwoNamespaces.B_INTERFACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.internal.Processes;
import dev.callflow.internal.net.Shell;
import dev.callflow.internal.net.TwoNamespaces;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A link between two namespaces of the test's own ({@code a} is the peer, {@code b} the other end), measured with
 * socat: TCP transfers for rate limits and latency, UDP datagrams counted by iptables for loss and for a link that
 * is down. Bounds are loose: the machine may be busy.
 */
class LinkTest {
  private static final int TRANSFER_PORT = 9001;
  private static final int UPLINK_UDP = 9002;
  private static final int DOWNLINK_UDP = 9003;
  private static final int ECHO_PORT = 9004;
  private static final int BYTES = 250_000;
  private static final int DATAGRAMS = 2000;

  private TwoNamespaces namespaces;
  private Shell a;
  private Shell b;
  private Shell far;
  private Link link;

  /** {@return whether the other end bridges the link to the far host, as a topology's public segment does} */
  boolean bridged() {
    return false;
  }

  @BeforeEach
  void link() throws IOException, InterruptedException {
    namespaces = new TwoNamespaces(bridged());
    a = namespaces.a();
    b = namespaces.b();
    far = namespaces.far();
    // Counters: what each side sends and what arrives (then dropped, so no ICMP error goes back).
    a.run("iptables -A OUTPUT -p udp --dport " + UPLINK_UDP + " && iptables -A INPUT -p udp --dport " + DOWNLINK_UDP + " -j DROP");
    far.run("iptables -A OUTPUT -p udp --dport " + DOWNLINK_UDP + " && iptables -A INPUT -p udp --dport " + UPLINK_UDP + " -j DROP");
    link = Link.between("a's link", a, A_INTERFACE, b, B_INTERFACE);
    // Once each way before measuring: the first transfer over a new bridge port was seen to lose its SYN (1 s more).
    transfer(a, far, B_ADDRESS);
    transfer(far, a, A_ADDRESS);
  }

  @AfterEach
  void close() {
    if (namespaces != null) {
      namespaces.close();
    }
  }

  @Test
  void aLimitMakesATransferTakeAboutItsSizeOverTheRate() throws Exception {
    Duration unlimited = transfer(a, far, B_ADDRESS);
    link.uplink().limit(Bitrate.mbps(1));
    Duration limitedUp = transfer(a, far, B_ADDRESS);
    Duration freeDown = transfer(far, a, A_ADDRESS);
    link.limit(Bitrate.kbps(1000));
    Duration limitedDown = transfer(far, a, A_ADDRESS);
    link.unlimited();
    Duration unlimitedAgain = transfer(a, far, B_ADDRESS);

    System.out.printf("%d bytes: unlimited %d ms, 1 Mbit/s up %d ms, down unlimited %d ms, 1 Mbit/s down %d ms, unlimited again %d ms%n",
        BYTES, unlimited.toMillis(), limitedUp.toMillis(), freeDown.toMillis(), limitedDown.toMillis(), unlimitedAgain.toMillis());
    // 250 kB at 1 Mbit/s is 2 s; the token bucket's first burst is a few kB.
    assertThat(limitedUp).as("250 kB through an uplink of 1 Mbit/s").isBetween(Duration.ofMillis(1800), Duration.ofSeconds(10));
    assertThat(limitedDown).as("250 kB through a downlink of 1 Mbit/s").isBetween(Duration.ofMillis(1800), Duration.ofSeconds(10));
    assertThat(unlimited).as("250 kB without a limit").isLessThan(Duration.ofMillis(1500));
    assertThat(freeDown).as("250 kB down while only the uplink is limited").isLessThan(Duration.ofMillis(1500));
    assertThat(unlimitedAgain).as("250 kB once the limit is lifted").isLessThan(Duration.ofMillis(1500));
    assertThat(link).hasToString("a's link: up; uplink no impairment; downlink no impairment");
  }

  @Test
  void lossDropsAboutThatShareOfTheDatagramsInItsDirectionOnly() {
    assertThat(sendDatagrams(a, B_ADDRESS, UPLINK_UDP, far)).as("datagrams up, lost without loss").isZero();

    link.uplink().lossPercent(20);
    assertThat(link).hasToString("a's link: up; uplink 20% loss; downlink no impairment");
    double up = sendDatagrams(a, B_ADDRESS, UPLINK_UDP, far);
    double down = sendDatagrams(far, A_ADDRESS, DOWNLINK_UDP, a);
    link.lossPercent(5);
    double downAt5 = sendDatagrams(far, A_ADDRESS, DOWNLINK_UDP, a);
    link.lossPercent(0);
    double none = sendDatagrams(a, B_ADDRESS, UPLINK_UDP, far);

    System.out.printf("Lost of %d datagrams: 20%% up %.3f, down %.3f, 5%% down %.3f, 0%% up %.3f%n", DATAGRAMS, up, down, downAt5, none);
    assertThat(up).as("share lost up at 20%").isBetween(0.13, 0.27);
    assertThat(down).as("share lost down, with loss on the uplink only").isZero();
    assertThat(downAt5).as("share lost down at 5%").isBetween(0.02, 0.09);
    assertThat(none).as("share lost up at 0%").isZero();
    assertThat(b.run("iptables-save -t raw; ip6tables-save -t raw")).doesNotContain("cf-loss");
  }

  @Test
  void downStopsTrafficAndUpRestoresItWithTheRoutesAndAddresses() throws Exception {
    String routesA = routesAndAddresses(a);
    String routesB = routesAndAddresses(b);
    String routesFar = routesAndAddresses(far);

    link.down();
    assertThat(link.isUp()).isFalse();
    assertThat(link.toString()).startsWith("a's link: down;");
    // Few: datagrams to an address that does not answer ARP wait in its queue, and a full send buffer blocks.
    assertThat(sendDatagrams(a, B_ADDRESS, UPLINK_UDP, far, 100)).as("share lost up while the link is down").isEqualTo(1.0);
    assertThat(sendDatagrams(far, A_ADDRESS, DOWNLINK_UDP, a, 100)).as("share lost down while the link is down").isEqualTo(1.0);

    link.up();
    assertThat(link.isUp()).isTrue();
    assertThat(routesAndAddresses(a)).as("a's routes and addresses after down and up").isEqualTo(routesA);
    assertThat(routesAndAddresses(b)).as("b's routes and addresses after down and up").isEqualTo(routesB);
    assertThat(routesAndAddresses(far)).as("the far host's routes and addresses after down and up").isEqualTo(routesFar);
    assertThat(transfer(a, far, B_ADDRESS)).as("a transfer once the link is up").isLessThan(Duration.ofSeconds(5));
    assertThat(sendDatagrams(a, B_ADDRESS, UPLINK_UDP, far)).as("share lost up once the link is up").isZero();
  }

  @Test
  void delayLengthensTheRoundTripAndClearEndsEverything() throws Exception {
    Process echo = namespaces.listen(far, "TCP-LISTEN:" + ECHO_PORT + ",fork,reuseaddr", "EXEC:cat");
    try {
      long before = exchangeMillis();
      link.delay(Duration.ofMillis(100));
      long delayed = exchangeMillis();
      link.uplink().delay(Duration.ofMillis(50));
      long lessUp = exchangeMillis();
      link.limit(Bitrate.kbps(500)).lossPercent(1).down();
      assertThat(link).hasToString("a's link: down; uplink 500 kbit/s, 1% loss, 50 ms delay; downlink 500 kbit/s, 1% loss, 100 ms delay");

      link.clear();
      long after = exchangeMillis();
      System.out.printf("Connect, echo and close: %d ms; 100 ms each way %d ms; 50 ms up, 100 ms down %d ms; cleared %d ms%n",
          before, delayed, lessUp, after);
      // The exchange takes two round trips at least (handshake, then data and its echo): 400 ms with 100 ms each way.
      assertThat(delayed - before).as("longer an exchange takes with 100 ms each way").isBetween(380L, 2000L);
      assertThat(delayed - lessUp).as("shorter it takes with 50 ms instead of 100 ms up").isBetween(60L, 200L);
      assertThat(after).as("exchange once cleared").isLessThan(before + 200);
    } finally {
      echo.destroy();
    }
    assertThat(link).hasToString("a's link: up; uplink no impairment; downlink no impairment");
    for (Shell end : new Shell[] {a, b}) {
      assertThat(end.run("tc qdisc show; iptables-save; ip6tables-save")).doesNotContain("cf-", "tbf", "netem", "NFQUEUE");
    }
    assertThat(Processes.of(null, namespaces.folder())).as("processes left in the namespaces' folder")
        .noneMatch(p -> p.info().commandLine().orElse("").contains("python"));
  }

  @Test
  void badValuesAreRefusedWithWhatWasWrong() {
    assertThatThrownBy(() -> link.lossPercent(120)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A loss is from 0 to 100 percent, not 120.0");
    assertThatThrownBy(() -> link.delay(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A delay is zero (none) or more, not PT-0.001S");
    assertThatThrownBy(() -> Bitrate.kbps(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("A bitrate is more than 0 bit/s, not 0");
    assertThatThrownBy(() -> Link.between("x", a, "no such interface", b, B_INTERFACE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Not an interface name: 'no such interface' (1 to 15 letters, digits, . _ -)");
    Link missing = Link.between("a's other link", a, "cfz", b, B_INTERFACE);
    assertThatThrownBy(() -> missing.uplink().limit(Bitrate.kbps(100))).isInstanceOf(NetworkException.class)
        .hasMessageStartingWith("a's other link, uplink: Cannot limit the rate on cfz: exit status ")
        .hasMessageContaining("Cannot find device \"cfz\"");
  }

  /** Sends 250 kB over TCP and returns how long it took to arrive in full. */
  private Duration transfer(Shell from, Shell to, String toAddress) throws IOException, InterruptedException {
    Process receiver = namespaces.listen(to, "-u", "TCP-LISTEN:" + TRANSFER_PORT + ",reuseaddr", "OPEN:/dev/null");
    long start = System.nanoTime();
    from.run("head -c " + BYTES + " /dev/zero | socat -u - TCP:" + toAddress + ":" + TRANSFER_PORT);
    assertThat(receiver.waitFor(60, TimeUnit.SECONDS)).as("the receiver got everything within 60 s").isTrue();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private double sendDatagrams(Shell from, String toAddress, int port, Shell to) {
    return sendDatagrams(from, toAddress, port, to, DATAGRAMS);
  }

  /** Sends {@code count} datagrams of 8 bytes and returns the share that did not arrive. */
  private double sendDatagrams(Shell from, String toAddress, int port, Shell to, int count) {
    String direction = port == UPLINK_UDP ? "up" : "down";
    long sentBefore = counter(from, "OUTPUT", port);
    long arrivedBefore = counter(to, "INPUT", port);
    from.run("head -c " + count * 8 + " /dev/zero | socat -b 8 -u - UDP:" + toAddress + ":" + port + " 2>/dev/null || true");
    long sent = counter(from, "OUTPUT", port) - sentBefore;
    long arrived = counter(to, "INPUT", port) - arrivedBefore;
    if (link.isUp()) {
      assertThat(sent).as("datagrams sent " + direction).isEqualTo(count);
    }
    return sent == 0 ? 1.0 : 1.0 - (double) arrived / sent;
  }

  private static long counter(Shell in, String chain, int port) {
    return Long.parseLong(in.run("iptables -L " + chain + " -v -x -n | awk '/dpt:" + port + "/ {print $1}'").strip());
  }

  /** Routes and addresses, but IPv6 link-local ones: the kernel makes those itself, some time after a link comes up. */
  private static String routesAndAddresses(Shell in) {
    return in.run("{ ip -4 route; ip -6 route; ip -o addr show | awk '{print $2, $3, $4}'; } | grep -v fe80::");
  }

  /**
   * Connects to the echo server, sends a line, reads it back and closes, three times; returns how long the fastest
   * took (the others may have waited for a busy processor).
   */
  private long exchangeMillis() {
    String millis = a.run("for i in 1 2 3; do s=$(date +%s%N); echo x | socat -t 5 - TCP:" + B_ADDRESS + ":" + ECHO_PORT
        + " >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); done");
    return millis.lines().mapToLong(Long::parseLong).min().orElseThrow();
  }
}
