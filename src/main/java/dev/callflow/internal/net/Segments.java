package dev.callflow.internal.net;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network namespaces of one topology: a public segment (a bridge in a namespace of its own, {@code hub}),
 * optionally a STUN/TURN server's namespace on it, and per peer a namespace of its own, linked to the segment
 * directly or through a router namespace that translates addresses (NAT) and may filter. Every interface is made
 * inside these namespaces ({@code ip link add ... netns <pid>}); the host's network is never touched, so ending
 * the namespaces ({@link #close()}, or the watchdog after a killed JVM, as for every {@link Namespace}) removes
 * every interface and rule too.
 *
 * <p>Addresses: the public segment is 203.0.113.0/24 (TEST-NET-3): the server .2, a peer directly on it .(10+N),
 * the router of peer N .(100+N); behind a router, peer N's LAN is 192.168.N.0/24, the router .1, the peer .2.
 */
public final class Segments implements AutoCloseable {
  /** The address of the STUN/TURN server on the public segment. */
  public static final String SERVER_ADDRESS = "203.0.113.2";
  private static final Logger LOG = LoggerFactory.getLogger(Segments.class);
  private static final String PUBLIC = "203.0.113.";

  /** How a peer reaches the public segment. */
  public enum Access {
    /** On the segment itself. */
    DIRECT,
    /** Behind a router whose NAT keeps the peer's port for every destination (endpoint-independent mapping). */
    CONE_NAT,
    /** Behind a router whose NAT picks a random port for each destination (address-and-port-dependent mapping). */
    SYMMETRIC_NAT,
    /** Behind a cone NAT whose router forwards nothing from the peer but TCP to port 443 (and the replies). */
    TCP_443_ONLY
  }

  /**
   * Where a peer was placed: its namespace and interface, and the namespace and interface at the other end of its
   * link (its router's LAN side, or the segment's bridge port).
   *
   * @param name the peer's name
   * @param namespace the peer's namespace, where its browser runs
   * @param iface the peer's interface on its link
   * @param other the namespace at the other end of the link
   * @param otherIface the interface there
   * @param address the peer's own address
   * @param publicAddress the address the public segment sees it from (its router's, or its own)
   * @param access how it reaches the public segment
   */
  public record Placement(String name, Namespace namespace, String iface, Namespace other, String otherIface, String address,
      String publicAddress, Access access) {}

  private final Namespace hub;
  private final List<Namespace> namespaces = new ArrayList<>();
  private final List<Placement> placements = new ArrayList<>();
  private final Deque<AutoCloseable> occupants = new ArrayDeque<>();
  private Namespace server;
  private boolean closed;

  private Segments(Namespace hub) {
    this.hub = hub;
    namespaces.add(hub);
  }

  /**
   * Makes the public segment: a namespace holding a bridge.
   *
   * @throws NamespaceException if this machine does not allow network namespaces, naming the missing right
   */
  public static Segments create() {
    return new Segments(Namespace.create("net-hub", "ip link add br0 type bridge && ip link set br0 up"));
  }

  /**
   * {@return the namespace of the STUN/TURN server, on the public segment at {@link #SERVER_ADDRESS}; made on first use}
   */
  public synchronized Namespace server() {
    if (server == null) {
      Namespace made = add("net-turn");
      link(made, "eth0", "t0", SERVER_ADDRESS + "/24");
      // A route for every address, as a server on the internet has: coturn closes an allocation when relaying to
      // a peer fails with "Network is unreachable" (measured: Firefox checks from its relay to the other side's
      // LAN address, and lost its allocation within a second). Sent on the segment, such packets are just lost.
      made.run("ip route add default dev eth0");
      server = made;
    }
    return server;
  }

  /** {@return the server's namespace, if made} */
  public synchronized Optional<Namespace> serverIfMade() {
    return Optional.ofNullable(server);
  }

  /**
   * Places a peer: makes its namespace (and its router's, behind a NAT) and links it to the segment.
   *
   * @param name the peer's name, for its folders
   * @param access how it reaches the public segment
   * @return where it is
   * @throws NamespaceException if a namespace or a link cannot be made, with the command's error
   */
  public synchronized Placement place(String name, Access access) {
    if (closed) {
      throw new IllegalStateException("This network is closed: no peer can join it");
    }
    int n = placements.size() + 1;
    if (n > 89) {
      throw new IllegalArgumentException("A network holds at most 89 peers");
    }
    String folderName = "net-" + name.replaceAll("[^A-Za-z0-9]", "_");
    Namespace peer = add(folderName);
    Placement placement;
    if (access == Access.DIRECT) {
      String address = PUBLIC + (10 + n);
      link(peer, "eth0", "p" + n, address + "/24");
      peer.run("ip route add default dev eth0");
      placement = new Placement(name, peer, "eth0", hub, "p" + n, address, address, access);
    } else {
      Namespace router = add(folderName + "-router");
      String wan = PUBLIC + (100 + n);
      link(router, "wan", "r" + n, wan + "/24");
      String lan = "192.168." + n + ".";
      router.run("ip link add lan type veth peer name eth0 netns " + peer.pid() + " && ip addr add " + lan + "1/24 dev lan"
          + " && ip link set lan up");
      peer.run("ip addr add " + lan + "2/24 dev eth0 && ip link set eth0 up && ip route add default via " + lan + "1");
      router.run(routerRules(access, lan + "2"));
      placement = new Placement(name, peer, "eth0", router, "lan", lan + "2", wan, access);
    }
    placements.add(placement);
    LOG.debug("Placed {} at {} ({}, seen as {})", name, placement.address(), access, placement.publicAddress());
    return placement;
  }

  /**
   * A router's forwarding, NAT and filter: packets to other private networks are dropped, silently (as on the internet);
   * a cone NAT keeps ports ({@code MASQUERADE}) and lets UDP from anyone in to the port (a full cone); a symmetric
   * one picks a new random port per destination ({@code --random-fully}) and lets in only replies; TCP 443 only
   * (a cone NAT without the full cone) drops every forwarded packet from the LAN that is not TCP to 443.
   */
  private static String routerRules(Access access, String peerAddress) {
    String masquerade = "iptables -t nat -A POSTROUTING -o wan -j MASQUERADE"
        + (access == Access.SYMMETRIC_NAT ? " --random-fully" : "");
    if (access == Access.CONE_NAT) {
      // Endpoint-independent filtering too: UDP from anyone to a port goes to the peer at that port, the mapping
      // MASQUERADE kept. Without it, a check that arrives before the peer's own outbound packet leaves a conntrack
      // entry that makes MASQUERADE pick another port for that packet, and hole punching fails (measured: Chromium
      // then used a relay, Firefox failed).
      masquerade += " && iptables -t nat -A PREROUTING -i wan -p udp -j DNAT --to-destination " + peerAddress;
    }
    String filter = access != Access.TCP_443_ONLY ? "" : """
         && iptables -P FORWARD DROP \
         && iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT \
         && iptables -A FORWARD -i lan -o wan -p tcp --dport 443 -j ACCEPT""";
    return "echo 1 > /proc/sys/net/ipv4/ip_forward && ip route add default dev wan"
        + " && ip route add blackhole 10.0.0.0/8 && ip route add blackhole 172.16.0.0/12"
        + " && ip route add blackhole 192.168.0.0/16 && " + masquerade + filter;
  }

  /** Links {@code inside}'s interface {@code iface}, with this address, to the segment's bridge as port {@code port}. */
  private void link(Namespace inside, String iface, String port, String address) {
    hub.run("ip link add " + port + " type veth peer name " + iface + " netns " + inside.pid() + " && ip link set " + port
        + " master br0 && ip link set " + port + " up");
    inside.run("ip addr add " + address + " dev " + iface + " && ip link set " + iface + " up");
  }

  private Namespace add(String name) {
    Namespace made = Namespace.create(name, "");
    namespaces.add(made);
    return made;
  }

  /** {@return every peer placed so far, in order} */
  public synchronized List<Placement> placements() {
    return List.copyOf(placements);
  }

  /** {@return every namespace made so far: the segment's, the server's, the peers' and the routers'} */
  public synchronized List<Namespace> namespaces() {
    return List.copyOf(namespaces);
  }

  /** Closes {@code occupant} (a browser, a server) before the namespaces when this closes, newest first. */
  public synchronized void occupy(AutoCloseable occupant) {
    occupants.push(occupant);
  }

  /** Closes the occupants, newest first, then ends every namespace, so every interface and rule in them goes too. */
  @Override
  public void close() {
    List<AutoCloseable> toClose;
    List<Namespace> toEnd;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(occupants);
      occupants.clear();
      toEnd = new ArrayList<>(namespaces);
    }
    for (AutoCloseable occupant : toClose) {
      try {
        occupant.close();
      } catch (Exception e) {
        LOG.warn("Could not close {} in a network: {}", occupant, e.toString());
      }
    }
    toEnd.parallelStream().forEach(Namespace::close);
  }
}
