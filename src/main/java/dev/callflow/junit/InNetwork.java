package dev.callflow.junit;

import dev.callflow.net.Topology;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Places a test's peers in a network of this topology, built for the test alone ({@code dev.callflow.net.Network}):
 * each peer's browser in a network namespace of its own, in the order of the parameters. A {@code Network}
 * parameter gives the network (its ICE servers, the peers' addresses), a {@code TurnServer} parameter its TURN
 * server. The network ends with the test, failure or not. On a test method or class; a method's annotation wins.
 *
 * <pre>{@code
 * @BrowserPairs
 * @InNetwork(Topology.SYMMETRIC_NAT)
 * void connectsThroughTheRelay(Peer alice, Peer bob, Network network) {
 *   Call call = alice.call(bob).withIceServers(network.iceServers()).connect();
 *   assertThat(call.caller()).usesRelay();
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
public @interface InNetwork {
  /** {@return the topology: one link, cone or symmetric NATs, or a firewall that lets out only TCP 443} */
  Topology value();

  /** {@return false for a server that does STUN only, no TURN relay} */
  boolean relay() default true;
}
