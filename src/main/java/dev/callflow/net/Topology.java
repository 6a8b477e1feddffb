package dev.callflow.net;

/**
 * The networks Callflow builds, by name: what {@code @InNetwork} takes, and what {@link Network#of(Topology)} builds.
 * Every one has a public segment, 203.0.113.0/24, with a STUN and TURN server on it unless told otherwise.
 */
public enum Topology {
  /** Every peer on the public segment itself, one link: calls connect host to host. */
  ONE_LINK,
  /** Each peer behind a NAT of its own, of type {@link NatType#CONE}, on a LAN 192.168.N.0/24. */
  CONE_NAT,
  /** Each peer behind a NAT of its own, of type {@link NatType#SYMMETRIC}. */
  SYMMETRIC_NAT,
  /**
   * The first peer behind a firewall (and a cone NAT) that lets out only TCP to port 443; every other peer behind a
   * cone NAT. Only TURN over TCP on port 443 connects the first peer.
   */
  TCP_443_FIREWALL;

  /** {@return its name on a command line, e.g. {@code cone-nat}} */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}
