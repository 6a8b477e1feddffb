package dev.callflow.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

/**
 * The names (host and port) under which the server may be addressed. A request's {@code Host} and a
 * WebSocket upgrade's {@code Origin} must name one of them, so that a page of another site cannot
 * reach the server through a name rebound to 127.0.0.1 (DNS rebinding), nor join its rooms.
 */
final class AllowedHosts {
  private static final Set<String> WILDCARDS = Set.of("", "0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]");

  /** A host name, lower case, IPv6 in brackets; port 0 means the server's own port. */
  private record Name(String host, int port) {}

  private final List<Name> names;
  private final IntSupplier serverPort;

  private AllowedHosts(List<Name> names, IntSupplier serverPort) {
    this.names = names;
    this.serverPort = serverPort;
  }

  /**
   * The bound address and localhost (every loopback name if bound to localhost or to all interfaces),
   * the advertised host if any, and the extra names, each {@code host} or {@code host:port}. The bound
   * address is allowed even if it is 0.0.0.0: a page under that name is one of this server's own.
   */
  static AllowedHosts of(String bound, String advertised, List<String> extra, IntSupplier serverPort) {
    Set<String> hosts = new LinkedHashSet<>();
    String boundHost = bracketed(bound);
    hosts.add(boundHost);
    hosts.add("localhost");
    if (boundHost.equals("localhost") || WILDCARDS.contains(boundHost)) {
      hosts.add("127.0.0.1");
      hosts.add("[::1]");
    }
    List<Name> names = new ArrayList<>();
    hosts.forEach(h -> names.add(new Name(h, 0)));
    if (advertised != null) {
      names.add(new Name(checkHost(advertised, false), 0));
    }
    extra.forEach(e -> names.add(parse(checkHost(e, true), 0)));
    return new AllowedHosts(List.copyOf(new LinkedHashSet<>(names)), serverPort);
  }

  /** A host name or IP literal (or {@code host:port} if allowed), as the builder is given it; bracketed. */
  static String checkHost(String host, boolean portAllowed) {
    String h = bracketed(host);
    Name name = parse(h, 0);
    if (name == null || WILDCARDS.contains(name.host) || (!portAllowed && name.port != 0)) {
      throw new IllegalArgumentException("Not a host name" + (portAllowed ? " or host:port" : "") + ": '" + host + "'");
    }
    return h;
  }

  /** Whether a {@code Host} header names this server. */
  boolean allowsHost(String authority) {
    return authority != null && allows(parse(authority, 80));
  }

  /** Whether a WebSocket {@code Origin} is a page of this server: {@code http://<allowed host>}. */
  boolean allowsOrigin(String origin) {
    try {
      URI uri = new URI(origin);
      boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
          && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
      return "http".equalsIgnoreCase(uri.getScheme()) && uri.getRawAuthority() != null && bare
          && allows(parse(uri.getRawAuthority(), 80));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private boolean allows(Name name) {
    return name != null && names.stream().anyMatch(n -> n.host.equals(name.host) && port(n) == name.port);
  }

  private int port(Name n) {
    return n.port == 0 ? serverPort.getAsInt() : n.port;
  }

  /** {@code host[:port]}; null if it is not one. Lower case, IPv6 literals bracketed. */
  private static Name parse(String authority, int defaultPort) {
    String a = authority.trim().toLowerCase(Locale.ROOT);
    String host = a;
    String port = null;
    if (a.startsWith("[")) {
      int end = a.indexOf(']');
      if (end < 0 || (end + 1 < a.length() && a.charAt(end + 1) != ':')) {
        return null;
      }
      host = a.substring(0, end + 1);
      port = end + 1 < a.length() ? a.substring(end + 2) : null;
    } else if (a.indexOf(':') >= 0) {
      host = a.substring(0, a.indexOf(':'));
      port = a.substring(a.indexOf(':') + 1);
    }
    if (host.isEmpty() || !host.matches("[a-z0-9.\\-_\\[\\]:]+")) {
      return null;
    }
    if (port == null) {
      return new Name(host, defaultPort);
    }
    if (!port.matches("\\d{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
      return null;
    }
    return new Name(host, Integer.parseInt(port));
  }

  /** Lower case, and a bare IPv6 literal (two colons or more) in brackets. */
  private static String bracketed(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    return h.indexOf(':') != h.lastIndexOf(':') && !h.startsWith("[") ? "[" + h + "]" : h;
  }

  /** E.g. {@code 127.0.0.1:41234, localhost:41234}. */
  @Override
  public String toString() {
    return names.stream().map(n -> n.host + ":" + port(n)).collect(Collectors.joining(", "));
  }
}
