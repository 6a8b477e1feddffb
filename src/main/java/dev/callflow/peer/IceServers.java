package dev.callflow.peer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The {@code iceServers} of an RTCConfiguration: STUN and TURN servers, with their credentials. Immutable.
 * A {@link dev.callflow.net.TurnServer} hands out its own; a call takes them with
 * {@link Call.Builder#withIceServers(IceServers)}.
 *
 * <pre>{@code
 * IceServers servers = IceServers.turn("alice", "s3cret", "turn:127.0.0.1:3478?transport=udp");
 * alice.call(bob).withIceServers(servers).withRelayOnly().connect();
 * }</pre>
 */
public final class IceServers {
  private final List<Server> servers;

  private record Server(List<String> urls, String username, String credential) {}

  private IceServers(List<Server> servers) {
    this.servers = List.copyOf(servers);
  }

  /**
   * {@return servers that need no credentials, e.g. {@code stun:127.0.0.1:3478}}
   *
   * @param urls the servers' URLs, all of one server
   */
  public static IceServers of(String... urls) {
    return new IceServers(List.of(new Server(List.of(urls), null, null)));
  }

  /**
   * {@return a TURN server reached at these URLs with these credentials}
   *
   * @param username the TURN username (for REST credentials: {@code <expiry>:<name>})
   * @param credential the password
   * @param urls its URLs, e.g. {@code turn:127.0.0.1:3478?transport=tcp}
   */
  public static IceServers turn(String username, String credential, String... urls) {
    return new IceServers(List.of(new Server(List.of(urls), Objects.requireNonNull(username), Objects.requireNonNull(credential))));
  }

  /**
   * {@return these servers, then those}
   *
   * @param others more servers
   */
  public IceServers and(IceServers others) {
    List<Server> all = new ArrayList<>(servers);
    all.addAll(others.servers);
    return new IceServers(all);
  }

  /**
   * {@return the same servers with another password wherever one is given, e.g. a wrong one}
   *
   * @param credential the password to give instead
   */
  public IceServers withCredential(String credential) {
    return new IceServers(servers.stream().map(s -> s.username() == null ? s : new Server(s.urls(), s.username(), credential)).toList());
  }

  /**
   * {@return only the URLs that {@code keep} accepts; a server left with none is left out}
   *
   * @param keep which URLs to keep, e.g. {@code u -> u.endsWith("transport=tcp")}
   */
  public IceServers onlyUrls(Predicate<String> keep) {
    return new IceServers(servers.stream().map(s -> new Server(s.urls().stream().filter(keep).toList(), s.username(), s.credential()))
        .filter(s -> !s.urls().isEmpty()).toList());
  }

  /** {@return every URL, in order} */
  public List<String> urls() {
    return servers.stream().flatMap(s -> s.urls().stream()).toList();
  }

  /** {@return the JSON array of RTCIceServer objects, as an RTCConfiguration's {@code iceServers} takes it} */
  public String toJson() {
    return array().toString();
  }

  ArrayNode array() {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (Server server : servers) {
      ObjectNode node = array.addObject();
      ArrayNode urls = node.putArray("urls");
      server.urls().forEach(urls::add);
      if (server.username() != null) {
        node.put("username", server.username());
        node.put("credential", server.credential());
      }
    }
    return array;
  }

  /** {@code turn:127.0.0.1:3478?transport=udp (user alice)}; passwords are not shown. */
  @Override
  public String toString() {
    return String.join(", ", servers.stream().map(s -> String.join(" ", s.urls()) + (s.username() == null ? "" : " (user " + s.username() + ")")).toList());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IceServers other && servers.equals(other.servers);
  }

  @Override
  public int hashCode() {
    return servers.hashCode();
  }
}
