package dev.callflow.net;

import dev.callflow.Callflow;
import dev.callflow.CallflowConfig;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.internal.browser.BrowserLauncher;
import dev.callflow.internal.browser.BrowserSession;
import dev.callflow.internal.net.Namespace;
import dev.callflow.internal.net.Segments;
import dev.callflow.internal.net.Segments.Access;
import dev.callflow.internal.net.Segments.Placement;
import dev.callflow.peer.IceServers;
import dev.callflow.peer.Peer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * A network of network namespaces on this machine that peers' browsers are placed in, each in a namespace of its own:
 * a public segment (203.0.113.0/24) with a STUN and TURN server (coturn, at 203.0.113.2, port 443 for UDP and TCP),
 * and the peers on it directly or each behind a router of its own (a NAT, maybe a firewall) on a LAN 192.168.N.0/24.
 * Pages and signalling still come from the host's 127.0.0.1 (relayed in); media goes over the network. Needs network
 * namespaces (root, or unprivileged user namespaces). Closing it ends the browsers placed in it, the server and every
 * namespace, with every interface and rule in them; nothing is added to the host's network.
 *
 * <pre>{@code
 * try (Network network = Network.behindNat(NatType.SYMMETRIC).start()) {
 *   Peer alice = network.peer(callflow, "alice", BrowserSpec.of(CHROME));
 *   Peer bob = network.peer(callflow, "bob", BrowserSpec.of(FIREFOX));
 *   Call call = alice.call(bob).connect(); // with the network's STUN and TURN servers
 *   assertThat(call.caller()).usesRelay();
 * }
 * }</pre>
 *
 * <p>A JUnit test gets one with {@code @InNetwork(Topology.SYMMETRIC_NAT)}: its peers are placed in it, and a
 * {@code Network} parameter gives it.
 */
public final class Network implements AutoCloseable {
  /** The port the server listens on for STUN and TURN, over UDP and TCP. */
  static final int SERVER_PORT = 443;

  private final Topology topology;
  private final boolean relay;
  private final Segments segments;
  private final TurnServer server;
  private final Map<String, Link> links = new HashMap<>();

  private Network(Topology topology, boolean relay, Segments segments, TurnServer server) {
    this.topology = topology;
    this.relay = relay;
    this.segments = segments;
    this.server = server;
  }

  /** {@return a builder of a network where every peer is on one link, the public segment: calls connect host to host} */
  public static Builder oneLink() {
    return of(Topology.ONE_LINK);
  }

  /**
   * {@return a builder of a network where each peer is behind a NAT of its own of this type}
   *
   * @param type cone (srflx candidates connect) or symmetric (only a relay connects)
   */
  public static Builder behindNat(NatType type) {
    return of(Objects.requireNonNull(type, "type") == NatType.CONE ? Topology.CONE_NAT : Topology.SYMMETRIC_NAT);
  }

  /**
   * {@return a builder of a network where the first peer placed is behind a firewall that lets out only TCP to port 443,
   * and every other peer behind a cone NAT} Only TURN over TCP to the server's port 443 connects the first peer.
   */
  public static Builder behindTcp443Firewall() {
    return of(Topology.TCP_443_FIREWALL);
  }

  /**
   * {@return a builder of a network of this topology}
   *
   * @param topology its name
   */
  public static Builder of(Topology topology) {
    return new Builder(Objects.requireNonNull(topology, "topology"), true);
  }

  /** {@return its topology} */
  public Topology topology() {
    return topology;
  }

  /**
   * {@return the ICE servers of its public segment, which every peer placed in it uses unless a call names others
   * ({@link Peer#useIceServers}): the STUN server, and unless built {@link Builder#withoutRelay() without relay} the
   * TURN server over UDP and TCP, port 443, with credentials}
   */
  public IceServers iceServers() {
    IceServers stun = stunServers();
    return relay ? stun.and(server.iceServers()) : stun;
  }

  /** {@return the STUN server of its public segment only, {@code stun:203.0.113.2:443}} */
  public IceServers stunServers() {
    return IceServers.of(server.stunUrl());
  }

  /**
   * {@return the TURN server of its public segment; empty if built {@link Builder#withoutRelay() without relay}} Its
   * allocations show which relayed addresses a call used ({@code usesRelayThrough}).
   */
  public Optional<TurnServer> turnServer() {
    return relay ? Optional.of(server) : Optional.empty();
  }

  /**
   * A peer on the session's reference page, in a browser of this spec placed in this network: in a network namespace of
   * its own here, never shared with another peer nor kept warm for one; it ends when the peer closes, or with the network.
   * Its connections use the network's {@link #iceServers()} unless a call names others.
   *
   * @param callflow the session: its server serves the pages, its configuration starts the browser
   * @param name the peer's name, e.g. {@code alice}; the network knows it by it ({@link #addressOf})
   * @param spec the browser and how to start it, on this machine
   * @return the peer; close it to end its browser
   * @throws dev.callflow.browser.BrowserLaunchException if the browser cannot start here, or the spec names a Grid
   * @throws dev.callflow.browser.PageLoadException if the reference page does not open
   */
  public Peer peer(Callflow callflow, String name, BrowserSpec spec) {
    return peers(callflow, List.of(new Callflow.PeerRequest(name, spec))).get(0);
  }

  /**
   * Several peers, each placed as {@link #peer(Callflow, String, BrowserSpec)} places one, in the order requested
   * (behind a {@link #behindTcp443Firewall() TCP 443 firewall}, the first is behind it); their browsers start in
   * parallel, and count among the session's browsers in use (a test waits for room as for pooled ones).
   *
   * @param callflow the session
   * @param requests one per peer
   * @return the peers, in the order requested; if one cannot start, those already started are closed
   * @throws dev.callflow.browser.BrowserLaunchException if a browser cannot start here
   * @throws dev.callflow.browser.PageLoadException if the reference page does not open
   */
  public List<Peer> peers(Callflow callflow, List<Callflow.PeerRequest> requests) {
    CallflowConfig config = callflow.config();
    List<Function<BrowserSpec, BrowserSession>> launches = new ArrayList<>();
    for (Callflow.PeerRequest request : requests) {
      Namespace inside = place(request.name()).namespace();
      launches.add(spec -> {
        BrowserSession session = BrowserLauncher.launchIn(spec, config.drivers(), config.pageLoadTimeout(), inside);
        occupy(session);
        return session;
      });
    }
    List<Peer> peers = callflow.ownPeers(requests, launches);
    peers.forEach(p -> p.useIceServers(iceServers()));
    return peers;
  }

  /**
   * {@return the peer's own address, on its LAN or on the public segment, e.g. {@code 192.168.1.2}: its host candidate}
   *
   * @param peer a peer placed in this network
   * @throws IllegalArgumentException if it is not placed here, naming those that are
   */
  public String addressOf(Peer peer) {
    return placement(peer).address();
  }

  /**
   * {@return the address the public segment sees the peer from: its router's, e.g. {@code 203.0.113.101} (its srflx
   * candidate's address), or its own when it is on the segment}
   *
   * @param peer a peer placed in this network
   * @throws IllegalArgumentException if it is not placed here, naming those that are
   */
  public String publicAddressOf(Peer peer) {
    return placement(peer).publicAddress();
  }

  /**
   * {@return where the peer is: its namespace and interface, and the namespace and interface at the other end of its
   * link (its router's LAN side, or the segment's bridge port)} For what acts on a peer's link (impairments).
   *
   * @param peer a peer placed in this network
   * @throws IllegalArgumentException if it is not placed here, naming those that are
   */
  @API(status = API.Status.INTERNAL)
  public Placement placementOf(Peer peer) {
    return placement(peer);
  }

  /**
   * {@return the peer's link, to its router or to the public segment, to impair at any time, also during a call:
   * {@code network.link(alice).limit(Bitrate.kbps(300))}} The same link each time, so it knows what it was given.
   *
   * @param peer a peer placed in this network
   * @throws IllegalArgumentException if it is not placed here, naming those that are
   */
  public synchronized Link link(Peer peer) {
    Placement placed = placement(peer);
    return links.computeIfAbsent(placed.name(), name -> Link.between(name + "'s link", placed.namespace()::run, placed.iface(),
        placed.other()::run, placed.otherIface()));
  }

  private Placement placement(Peer peer) {
    List<Placement> placed = segments.placements();
    return placed.stream().filter(p -> p.name().equals(peer.name())).findFirst().orElseThrow(() -> new IllegalArgumentException(
        "Peer " + peer.name() + " is not placed in " + this + "; placed: " + placed.stream().map(Placement::name).toList()));
  }

  /**
   * Places the next peer: makes its namespace, and its router's, and links them. {@link #peers} starts the peer's browser
   * there and gives it to {@link #occupy} so that it ends before the network.
   *
   * @param name the peer's name
   * @return where it is
   */
  @API(status = API.Status.INTERNAL)
  public Placement place(String name) {
    int next = segments.placements().size();
    Access access = switch (topology) {
      case ONE_LINK -> Access.DIRECT;
      case CONE_NAT -> Access.CONE_NAT;
      case SYMMETRIC_NAT -> Access.SYMMETRIC_NAT;
      case TCP_443_FIREWALL -> next == 0 ? Access.TCP_443_ONLY : Access.CONE_NAT;
    };
    return segments.place(name, access);
  }

  /**
   * Closes {@code occupant} (a browser placed in this network) when the network closes, before its namespaces.
   *
   * @param occupant what to close
   */
  @API(status = API.Status.INTERNAL)
  public void occupy(AutoCloseable occupant) {
    segments.occupy(occupant);
  }

  /** Every namespace so far, for tests of the clean-up. */
  List<Namespace> namespaces() {
    return segments.namespaces();
  }

  /** Ends the browsers placed in it, its server and every namespace, with their interfaces and rules. Twice does nothing. */
  @Override
  public void close() {
    try {
      segments.close(); // its occupants first: the browsers, then the server
    } finally {
      server.close();
    }
  }

  /** {@code network CONE_NAT (2 peers; STUN and TURN at 203.0.113.2:443)}. */
  @Override
  public String toString() {
    return "network " + topology + " (" + segments.placements().size() + " peers; " + (relay ? "STUN and TURN" : "STUN only") + " at "
        + Segments.SERVER_ADDRESS + ":" + SERVER_PORT + ")";
  }

  /** What a {@link Network} holds; {@link #start()} builds it. Immutable: each {@code with...} gives a new builder. */
  public static final class Builder {
    private final Topology topology;
    private final boolean relay;

    private Builder(Topology topology, boolean relay) {
      this.topology = topology;
      this.relay = relay;
    }

    /**
     * {@return this builder, whose network's server does STUN only: {@link Network#iceServers()} gives no TURN URL}
     * Between symmetric NATs a call then fails.
     */
    public Builder withoutRelay() {
      return new Builder(topology, false);
    }

    /**
     * {@return the network, with its public segment and server running; peers are placed in it as they start}
     *
     * @throws dev.callflow.failure.CallflowException if network namespaces are not allowed here (naming the missing
     *     right) or coturn does not start, saying why
     */
    public Network start() {
      Segments segments = Segments.create();
      try {
        Namespace serverSpace = segments.server();
        TurnServer server = TurnServer.onSegment(serverSpace, Segments.SERVER_ADDRESS, SERVER_PORT,
            "on the public segment of a " + topology + " network");
        segments.occupy(server); // ends before the namespaces, after the browsers placed later
        return new Network(topology, relay, segments, server);
      } catch (RuntimeException e) {
        segments.close();
        throw e;
      }
    }

    @Override
    public String toString() {
      return "network " + topology + (relay ? "" : " without relay");
    }
  }
}
