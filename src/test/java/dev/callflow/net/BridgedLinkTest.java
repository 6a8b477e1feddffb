package dev.callflow.net;

/**
 * {@link LinkTest}'s measurements where the link's other end is a port of a bridge, as on a topology's public segment:
 * bridged packets meet iptables only through the bridge's netfilter hooks, matched by port ({@code -m physdev}).
 */
class BridgedLinkTest extends LinkTest {
  @Override
  boolean bridged() {
    return true;
  }
}
