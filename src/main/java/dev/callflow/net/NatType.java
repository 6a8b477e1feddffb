package dev.callflow.net;

/** How the router in front of a peer translates its addresses and what it lets in ({@link Network#behindNat(NatType)}). */
public enum NatType {
  /**
   * A full cone: endpoint-independent mapping and filtering. The peer's port stays the same for every destination
   * ({@code MASQUERADE}), and UDP from anyone to that port reaches the peer ({@code DNAT} to the same port), so the
   * address a STUN server saw (its srflx candidate) works for the other peer too: ICE connects over srflx
   * candidates, without a relay.
   */
  CONE,
  /**
   * Address-and-port-dependent mapping: a new random port for each destination ({@code MASQUERADE --random-fully}),
   * and only replies get in (Linux conntrack), so the srflx address the STUN server saw is useless to the other
   * peer. Between two of them only a TURN relay connects the call.
   */
  SYMMETRIC
}
