package dev.callflow.internal.net;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One direction of a link, what leaves the sender's interface for the receiver's, and the impairments on it:
 * a rate limit ({@code tbf} on the sender's interface), random loss (an {@code iptables statistic} rule in the
 * receiver's {@code raw} table, so the sending program sees no error, as on a wire) and a delay (a
 * {@link Delayer user-space queue} on the sender's interface, which is the same on every kernel; netem where that
 * cannot run). Every change runs at once. Where an end is a port of a bridge (a topology's public segment), its
 * rules match bridged packets by port ({@code -m physdev}).
 * Rules go only into the two namespaces, in chains named {@code cf-loss-<interface>} and
 * {@code cf-delay-<interface>}.
 */
public final class Shaper {
  /** The queue of a rate limit: what would wait longer than this is dropped, as at a narrow link's router. */
  static final Duration QUEUE = Duration.ofMillis(200);

  /**
   * One end of a link: a shell in its namespace and its interface there.
   *
   * @param shell runs scripts in the end's namespace
   * @param interfaceName the end's interface on the link, e.g. {@code veth-alice}
   */
  public record End(Shell shell, String interfaceName) {
    /** Checks the interface name: it goes into shell scripts and chain names. */
    public End {
      if (!interfaceName.matches("[A-Za-z0-9_.-]{1,15}")) {
        throw new IllegalArgumentException("Not an interface name: '" + interfaceName + "' (1 to 15 letters, digits, . _ -)");
      }
    }
  }

  private enum Latency { NONE, QUEUE, NETEM }

  private final End sender;
  private final End receiver;
  private final String python;
  private long rate;
  private double loss;
  private Duration delay = Duration.ZERO;
  private Latency latency = Latency.NONE;
  private long delayerPid;
  private Boolean senderBridged;
  private Boolean receiverBridged;

  /**
   * A direction from {@code sender} to {@code receiver}, with no impairment yet.
   *
   * @param python the Python 3 program that runs the user-space delay queue, e.g. {@code python3}
   */
  public Shaper(End sender, End receiver, String python) {
    this.sender = sender;
    this.receiver = receiver;
    this.python = python;
  }

  /**
   * Limits the rate to {@code bitsPerSecond}, or lifts the limit if it is 0.
   *
   * @throws NamespaceException if {@code tc} fails, quoting it
   */
  public synchronized void limit(long bitsPerSecond) {
    if (bitsPerSecond < 0) {
      throw new IllegalArgumentException("A rate limit is 0 (none) or more bits per second, not " + bitsPerSecond);
    }
    rate = bitsPerSecond;
    run(sender, "limit the rate", qdiscScript());
  }

  /**
   * Drops each packet with this probability, or none if it is 0.
   *
   * @throws NamespaceException if {@code iptables} fails, quoting it
   */
  public synchronized void loss(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("A loss is a fraction from 0 to 1, not " + fraction);
    }
    loss = fraction;
    run(receiver, "set the loss", removeChain("raw", lossChain()) + (fraction == 0 ? "" : lossScript(fraction)));
  }

  /**
   * Delays every packet by {@code by}, or no longer if it is zero. A change loses the packets held at that moment.
   *
   * @throws NamespaceException if neither the user-space queue nor netem can delay packets here, quoting both reasons
   */
  public synchronized void delay(Duration by) {
    if (by.isNegative()) {
      throw new IllegalArgumentException("A delay is zero (none) or more, not " + by);
    }
    Latency before = latency;
    stopDelay();
    delay = by;
    if (before == Latency.NETEM) {
      run(sender, "remove the delay", qdiscScript()); // the rate limit, if any, stays
    }
    if (by.isZero()) {
      return;
    }
    String queueFailure;
    try {
      startQueue();
      return;
    } catch (NamespaceException e) {
      queueFailure = e.getMessage();
    }
    latency = Latency.NETEM;
    try {
      run(sender, "delay packets with netem", qdiscScript());
    } catch (NamespaceException e) {
      latency = Latency.NONE;
      delay = Duration.ZERO;
      throw new NamespaceException("Cannot add latency on " + sender.interfaceName() + ": the kernel's netem qdisc "
          + "(sch_netem) is not there (tc: " + e.getMessage() + "), and the user-space delay queue, which needs "
          + "python3 and netfilter queues (NFQUEUE), failed too (" + queueFailure + ")");
    }
  }

  private void startQueue() {
    String queue = queueNumber();
    String reply = run(sender, "start the delay queue", Delayer.start(python, Integer.parseInt(queue), delay)).strip();
    if (!reply.matches("ready \\d+")) {
      throw new NamespaceException("the delay queue did not start: " + reply);
    }
    delayerPid = Long.parseLong(reply.substring("ready ".length()));
    latency = Latency.QUEUE;
    try {
      run(sender, "queue packets for the delay", removeChain("mangle", delayChain()) + delayRules(queue));
    } catch (NamespaceException e) {
      stopDelay();
      throw e;
    }
  }

  private String queueNumber() {
    String line = run(sender, "find the interface", "ip -o link show dev " + sender.interfaceName()).strip();
    return line.substring(0, line.indexOf(':'));
  }

  private void stopDelay() {
    if (latency == Latency.QUEUE) {
      run(sender, "stop the delay queue", removeChain("mangle", delayChain()) + "kill " + delayerPid + " 2>/dev/null || true\n");
      delayerPid = 0;
    }
    latency = Latency.NONE;
  }

  /** Removes every impairment of this direction. */
  public synchronized void clear() {
    stopDelay();
    delay = Duration.ZERO;
    rate = 0;
    loss = 0;
    run(sender, "clear the rate limit", qdiscScript());
    run(receiver, "clear the loss", removeChain("raw", lossChain()));
  }

  /** {@return the impairments, e.g. "300 kbit/s, 10% loss, 50 ms delay", or "no impairment"} */
  public synchronized String describe() {
    List<String> parts = new ArrayList<>();
    if (rate > 0) {
      parts.add(rate % 1_000_000 == 0 ? rate / 1_000_000 + " Mbit/s" : rate % 1000 == 0 ? rate / 1000 + " kbit/s" : rate + " bit/s");
    }
    if (loss > 0) {
      parts.add(String.format(Locale.ROOT, "%.2f", loss * 100).replaceAll("\\.?0+$", "") + "% loss");
    }
    if (!delay.isZero()) {
      parts.add(delay.toMillis() + " ms delay");
    }
    return parts.isEmpty() ? "no impairment" : String.join(", ", parts);
  }

  // The root qdisc for the state: netem (with the limit under it), a tbf, or the interface's default.
  private String qdiscScript() {
    String dev = " dev " + sender.interfaceName();
    String tbf = rate == 0 ? "" : "tbf rate " + rate + "bit burst " + Math.max(3028, rate / 8 / 50) + " latency " + QUEUE.toMillis() + "ms";
    if (latency == Latency.NETEM) {
      return "tc qdisc replace" + dev + " root handle 1: netem delay " + delay.toNanos() / 1000 + "us limit 100000\n"
          + (tbf.isEmpty() ? "" : "tc qdisc replace" + dev + " parent 1:1 handle 10: " + tbf + "\n");
    }
    if (!tbf.isEmpty()) {
      return "tc qdisc replace" + dev + " root " + tbf + "\n";
    }
    return "if tc qdisc show" + dev + " root | grep -Eq '^qdisc (tbf|netem) '; then tc qdisc del" + dev + " root; fi\n";
  }

  // A port of a bridge sees bridged packets in iptables only through the bridge's netfilter hooks, where -i and -o
  // name the bridge: they are matched by port. The hooks are on by default in a new namespace; this makes sure.
  private static final String BRIDGE_HOOKS = "echo 1 > /proc/sys/net/bridge/bridge-nf-call-iptables\n"
      + "echo 1 > /proc/sys/net/bridge/bridge-nf-call-ip6tables\n";

  private static boolean bridgePort(End end) {
    return end.shell().run("ip -o -d link show dev " + end.interfaceName()).contains(" bridge_slave ");
  }

  private String arriving() {
    if (receiverBridged == null) {
      receiverBridged = bridgePort(receiver);
    }
    return receiverBridged ? "-m physdev --physdev-in " + receiver.interfaceName() : "-i " + receiver.interfaceName();
  }

  private String leaving() {
    if (senderBridged == null) {
      senderBridged = bridgePort(sender);
    }
    return senderBridged ? "-m physdev --physdev-is-bridged --physdev-out " + sender.interfaceName() : "-o " + sender.interfaceName();
  }

  private String lossScript(double fraction) {
    String match = arriving();
    StringBuilder script = new StringBuilder(receiverBridged ? BRIDGE_HOOKS : "");
    for (String tables : List.of("iptables", "ip6tables")) {
      String t = tables + " -w -t raw ";
      script.append(t).append("-N ").append(lossChain()).append('\n')
          .append(t).append("-A ").append(lossChain()).append(" -m statistic --mode random --probability ")
          .append(String.format(Locale.ROOT, "%.6f", fraction)).append(" -j DROP\n")
          .append(t).append("-I PREROUTING ").append(match).append(" -j ").append(lossChain()).append('\n');
    }
    return script.toString();
  }

  private String delayRules(String queue) {
    String match = leaving();
    StringBuilder script = new StringBuilder(senderBridged ? BRIDGE_HOOKS : "");
    for (String tables : List.of("iptables", "ip6tables")) {
      String t = tables + " -w -t mangle ";
      script.append(t).append("-N ").append(delayChain()).append('\n')
          .append(t).append("-A ").append(delayChain()).append(" -j NFQUEUE --queue-num ").append(queue).append(" --queue-bypass\n")
          .append(t).append("-A POSTROUTING ").append(match).append(" -j ").append(delayChain()).append('\n');
    }
    return script.toString();
  }

  // Removes a chain of ours and the jumps to it, if it is there; quietly otherwise.
  private static String removeChain(String table, String chain) {
    StringBuilder script = new StringBuilder();
    for (String tables : List.of("iptables", "ip6tables")) {
      String t = tables + " -w -t " + table + " ";
      script.append("if ").append(t).append("-S ").append(chain).append(" >/dev/null 2>&1; then\n")
          .append("  ").append(t).append("-S | grep -e '-j ").append(chain).append("$' | cut -d' ' -f2- | while read -r rule; do ")
          .append(t).append("-D $rule || exit 1; done\n")
          .append("  ").append(t).append("-F ").append(chain).append(" && ").append(t).append("-X ").append(chain).append('\n')
          .append("fi\n");
    }
    return script.toString();
  }

  private String lossChain() {
    return "cf-loss-" + receiver.interfaceName();
  }

  private String delayChain() {
    return "cf-delay-" + sender.interfaceName();
  }

  private String run(End end, String what, String script) {
    try {
      return end.shell().run("set -e\n" + script);
    } catch (NamespaceException e) {
      throw new NamespaceException("Cannot " + what + " on " + end.interfaceName() + ": " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return sender.interfaceName() + " → " + receiver.interfaceName();
  }
}
