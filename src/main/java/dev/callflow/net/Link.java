package dev.callflow.net;

import dev.callflow.internal.net.NamespaceException;
import dev.callflow.internal.net.Shaper;
import dev.callflow.internal.net.Shell;
import dev.callflow.internal.net.Wire;
import java.time.Duration;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A peer's link to the rest of its network (a pair of virtual interfaces between the peer's network namespace
 * and its router's or segment's), impaired on demand and changed at any time, also during a call. Each change
 * holds until the next change or {@link #clear()}, and applies to both directions unless made through
 * {@link #uplink()} (what the peer sends) or {@link #downlink()} (what it receives).
 *
 * <pre>{@code
 * Link link = network.link(alice);
 * link.limit(Bitrate.kbps(300));                  // both directions
 * link.uplink().lossPercent(10);                   // 10% of what alice sends is lost
 * link.delay(Duration.ofMillis(50));               // 50 ms each way: the round trip grows by 100 ms
 * link.down();                                     // nothing gets through; connectionState goes 'disconnected'
 * link.up();
 * link.clear();                                    // no impairment, link up
 * }</pre>
 *
 * <p>How: a rate limit is a token bucket ({@code tc tbf}, with a queue of 200 ms) on the sending interface; loss
 * is a random drop ({@code iptables -m statistic}) as packets arrive at the other end, so the sender sees no
 * error, as on a wire; down takes the far end's interface down ({@code ip link set ... down}), so the peer's
 * interface loses its carrier, as when a cable is pulled, and keeps its addresses and routes. Latency is a small
 * {@code python3} program in the sending end's namespace that holds each packet leaving the interface (handed to it
 * by a netfilter queue, {@code iptables -j NFQUEUE}), so it works on kernels without {@code netem}; where that
 * program cannot run, the kernel's {@code netem} qdisc ({@code sch_netem}) delays packets, and with neither,
 * {@link #delay} throws a {@link NetworkException} quoting both reasons. Rules and programs live only in
 * Callflow's namespaces and end with them.
 */
public final class Link {
  private static final String PYTHON = "python3";

  private final String name;
  private final Wire wire;
  private final Direction uplink;
  private final Direction downlink;

  private Link(String name, Shaper.End peer, Shaper.End other) {
    this.name = name;
    this.wire = new Wire(other);
    this.uplink = new Direction(this, "uplink", new Shaper(peer, other, PYTHON));
    this.downlink = new Direction(this, "downlink", new Shaper(other, peer, PYTHON));
  }

  /**
   * The link of a peer whose namespace holds {@code peerInterface}; the other end, {@code otherInterface}, is in
   * the namespace of its router or segment. For Callflow's topologies, which hand links out.
   *
   * @param name what the link is called in messages, e.g. {@code alice's link}
   * @param peer runs scripts in the peer's namespace
   * @param peerInterface the peer's interface on the link
   * @param other runs scripts in the namespace at the other end
   * @param otherInterface the other end's interface
   * @return the link, with no impairment yet
   */
  @API(status = API.Status.INTERNAL)
  public static Link between(String name, Shell peer, String peerInterface, Shell other, String otherInterface) {
    return new Link(Objects.requireNonNull(name, "name"), new Shaper.End(peer, peerInterface), new Shaper.End(other, otherInterface));
  }

  /** {@return what the peer sends: the egress of its interface} */
  public Direction uplink() {
    return uplink;
  }

  /** {@return what the peer receives: the egress of the other end's interface} */
  public Direction downlink() {
    return downlink;
  }

  /**
   * Limits each direction to {@code rate}; what would wait more than 200 ms in the queue is dropped.
   *
   * @param rate the most each direction carries
   * @return this link
   * @throws NetworkException if {@code tc} fails, quoting it
   */
  public Link limit(Bitrate rate) {
    uplink.limit(rate);
    downlink.limit(rate);
    return this;
  }

  /**
   * Lifts the rate limit of each direction.
   *
   * @return this link
   * @throws NetworkException if {@code tc} fails, quoting it
   */
  public Link unlimited() {
    uplink.unlimited();
    downlink.unlimited();
    return this;
  }

  /**
   * Loses this share of the packets in each direction, each packet by chance; 0 loses none.
   *
   * @param percent from 0 to 100
   * @return this link
   * @throws IllegalArgumentException if it is outside 0 to 100
   * @throws NetworkException if {@code iptables} fails, quoting it
   */
  public Link lossPercent(double percent) {
    uplink.lossPercent(percent);
    downlink.lossPercent(percent);
    return this;
  }

  /**
   * Delays each packet by {@code oneWay} in each direction, so the round trip grows by twice that; zero removes
   * the delay. Packets in flight when the delay changes may be lost.
   *
   * @param oneWay the delay of each direction
   * @return this link
   * @throws NetworkException if this machine cannot delay packets: it needs {@code python3} and netfilter queues,
   *     or else the kernel's netem qdisc; the message quotes why each failed
   */
  public Link delay(Duration oneWay) {
    uplink.delay(oneWay);
    downlink.delay(oneWay);
    return this;
  }

  /**
   * Takes the link down: nothing gets through either way until {@link #up()}. A call's ICE checks then fail, and
   * its {@code connectionState} goes {@code disconnected}; it comes back once the link is up, or after an ICE
   * restart if the browser gave up meanwhile.
   *
   * @return this link
   * @throws NetworkException if {@code ip} fails, quoting it
   */
  public Link down() {
    try {
      wire.down();
    } catch (NamespaceException e) {
      throw failure(e);
    }
    return this;
  }

  /**
   * Brings the link back up, with the routes it had.
   *
   * @return this link
   * @throws NetworkException if {@code ip} fails, quoting it
   */
  public Link up() {
    try {
      wire.up();
    } catch (NamespaceException e) {
      throw failure(e);
    }
    return this;
  }

  /** {@return whether the link is up: true unless {@link #down()} took it down} */
  public boolean isUp() {
    return !wire.isDown();
  }

  /**
   * Removes every impairment of both directions and brings the link up.
   *
   * @return this link
   * @throws NetworkException if a tool fails, quoting it
   */
  public Link clear() {
    uplink.clear();
    downlink.clear();
    return up();
  }

  /** {@return the link and its state, e.g. {@code alice's link: up; uplink 300 kbit/s, 10% loss; downlink no impairment}} */
  @Override
  public String toString() {
    return name + ": " + (isUp() ? "up" : "down") + "; uplink " + uplink.shaper.describe() + "; downlink " + downlink.shaper.describe();
  }

  private NetworkException failure(NamespaceException e) {
    return new NetworkException(name + ": " + e.getMessage(), e);
  }

  /**
   * One direction of a {@link Link}, impaired on its own: {@code link.uplink().lossPercent(5)}.
   */
  public static final class Direction {
    private final Link link;
    private final String name;
    private final Shaper shaper;

    private Direction(Link link, String name, Shaper shaper) {
      this.link = link;
      this.name = name;
      this.shaper = shaper;
    }

    /**
     * Limits this direction to {@code rate}; what would wait more than 200 ms in the queue is dropped.
     *
     * @param rate the most it carries
     * @return this direction
     * @throws NetworkException if {@code tc} fails, quoting it
     */
    public Direction limit(Bitrate rate) {
      Objects.requireNonNull(rate, "rate");
      return apply(() -> shaper.limit(rate.bitsPerSecond()));
    }

    /**
     * Lifts the rate limit of this direction.
     *
     * @return this direction
     * @throws NetworkException if {@code tc} fails, quoting it
     */
    public Direction unlimited() {
      return apply(() -> shaper.limit(0));
    }

    /**
     * Loses this share of the packets of this direction, each packet by chance; 0 loses none.
     *
     * @param percent from 0 to 100
     * @return this direction
     * @throws IllegalArgumentException if it is outside 0 to 100
     * @throws NetworkException if {@code iptables} fails, quoting it
     */
    public Direction lossPercent(double percent) {
      if (!(percent >= 0 && percent <= 100)) {
        throw new IllegalArgumentException("A loss is from 0 to 100 percent, not " + percent);
      }
      return apply(() -> shaper.loss(percent / 100));
    }

    /**
     * Delays each packet of this direction by {@code by}; zero removes the delay. Packets in flight when the
     * delay changes may be lost.
     *
     * @param by how long each packet is held
     * @return this direction
     * @throws IllegalArgumentException if it is negative
     * @throws NetworkException if this machine cannot delay packets: it needs {@code python3} and netfilter queues,
     *     or else the kernel's netem qdisc; the message quotes why each failed
     */
    public Direction delay(Duration by) {
      Objects.requireNonNull(by, "by");
      return apply(() -> shaper.delay(by));
    }

    /**
     * Removes every impairment of this direction (a link that is down stays down).
     *
     * @return this direction
     * @throws NetworkException if a tool fails, quoting it
     */
    public Direction clear() {
      return apply(shaper::clear);
    }

    /** {@return the link this direction belongs to} */
    public Link link() {
      return link;
    }

    private Direction apply(Runnable change) {
      try {
        change.run();
      } catch (NamespaceException e) {
        throw new NetworkException(link.name + ", " + name + ": " + e.getMessage(), e);
      }
      return this;
    }

    /** {@return the direction and its impairments, e.g. {@code alice's link, uplink: 300 kbit/s, 10% loss}} */
    @Override
    public String toString() {
      return link.name + ", " + name + ": " + shaper.describe();
    }
  }
}
