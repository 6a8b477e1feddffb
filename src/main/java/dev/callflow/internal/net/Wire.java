package dev.callflow.internal.net;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes a link down and back up at one end ({@code ip link set ... down/up}): the other end sees its carrier go,
 * as when a cable is pulled, and keeps its addresses and routes. The end taken down would lose its IPv6 addresses
 * and every route through the interface, which {@code up} alone does not bring back: it keeps its addresses
 * ({@code keep_addr_on_down}) and {@link #up()} restores the routes it had.
 */
public final class Wire {
  // Prints the routes through the interface, each after its family (4 or 6), then takes it down.
  private static final String DOWN = """
      echo 1 2>/dev/null > /proc/sys/net/ipv6/conf/"$1"/keep_addr_on_down || true
      ip -o -4 route show table all dev "$1" | sed 's/^/4 /'
      ip -o -6 route show table all dev "$1" | sed 's/^/6 /'
      ip link set dev "$1" down
      """;
  // Kernel routes come back by themselves with the interface and its addresses.
  private static final List<String> OWN_ROUTE = List.of("local ", "broadcast ", "multicast ", "anycast ");

  private final Shaper.End end;
  private final List<String> routes = new ArrayList<>();
  private boolean down;

  /** The wire at this end. */
  public Wire(Shaper.End end) {
    this.end = end;
  }

  /**
   * Takes the link down, if it is up.
   *
   * @throws NamespaceException if {@code ip} fails, quoting it
   */
  public synchronized void down() {
    if (down) {
      return;
    }
    String saved = run("take the link down", DOWN);
    routes.clear();
    for (String line : saved.split("\n")) {
      if (line.length() < 2) {
        continue;
      }
      String route = line.substring(2).strip().replace(" linkdown", "").replace(" dead", "").replaceAll(" expires \\S+", "");
      if (OWN_ROUTE.stream().noneMatch(route::startsWith) && !route.contains(" proto kernel ")) {
        routes.add("-" + line.charAt(0) + " route replace " + route);
      }
    }
    down = true;
  }

  /**
   * Brings the link back up, with the routes it had, if it is down.
   *
   * @throws NamespaceException if {@code ip} fails, quoting it
   */
  public synchronized void up() {
    if (!down) {
      return;
    }
    StringBuilder script = new StringBuilder("ip link set dev \"$1\" up\n");
    for (String route : routes) {
      script.append("ip ").append(route).append(" dev \"$1\"\n");
    }
    run("bring the link up", script.toString());
    down = false;
  }

  /** {@return whether {@link #down()} took it down and {@link #up()} did not bring it back yet} */
  public synchronized boolean isDown() {
    return down;
  }

  private String run(String what, String script) {
    String name = end.interfaceName();
    try {
      return end.shell().run("set -e\nset -- " + name + "\n" + script);
    } catch (NamespaceException e) {
      throw new NamespaceException("Cannot " + what + " at " + name + ": " + e.getMessage());
    }
  }
}
