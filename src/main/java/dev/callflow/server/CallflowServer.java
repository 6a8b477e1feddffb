package dev.callflow.server;

import dev.callflow.failure.CallflowException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The embedded Jetty server that serves Callflow's pages ({@code test-pages/} from the classpath)
 * and, optionally, a directory of the user's own pages, which wins on equal paths, and offers
 * WebSocket signalling rooms ({@link SignalingRooms}). It binds 127.0.0.1 on a free port unless told
 * otherwise, serves nothing outside its roots (nor through a symlink leading out of the user's folder),
 * and answers only requests addressed to its own names (421 otherwise, see
 * {@link Builder#withAllowedHosts(String...)}).
 *
 * <pre>{@code
 * try (CallflowServer server = CallflowServer.builder().withPages(Path.of("src/test/web")).start()) {
 *   URI page = server.url("/peer.html");
 * }
 * }</pre>
 */
public final class CallflowServer implements AutoCloseable {
  private final Server jetty;
  private final URI base;
  private final SignalingRooms signaling;

  private CallflowServer(Server jetty, URI base, SignalingRooms signaling) {
    this.jetty = jetty;
    this.base = base;
    this.signaling = signaling;
  }

  /** {@return a builder with the defaults: Callflow's pages on 127.0.0.1, a free port, rooms opened explicitly} */
  public static Builder builder() {
    return new Builder();
  }

  private static final int MAX_SIGNALING_MESSAGE = 64 * 1024;

  /**
   * Starts a server with the defaults: Callflow's pages on 127.0.0.1, a free port.
   *
   * @return the running server; close it to stop it
   * @throws CallflowException if Jetty cannot start
   */
  public static CallflowServer start() {
    return builder().start();
  }

  /** {@return the server's root, ending in {@code /}, e.g. {@code http://127.0.0.1:41234/}} */
  public URI baseUri() {
    return base;
  }

  /**
   * {@return an absolute URL for a path on this server}
   *
   * @param path a path from the root, with or without the leading {@code /}, e.g. {@code /peer.html}
   */
  public URI url(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  /** {@return the port the server listens on (the one chosen when it was asked for a free port)} */
  public int port() {
    return base.getPort();
  }

  /** {@return the WebSocket signalling rooms of this server, to open, close and inspect} */
  public SignalingRooms signaling() {
    return signaling;
  }

  /**
   * {@return the WebSocket URL of a signalling room, e.g. {@code ws://127.0.0.1:41234/signaling/room1}}
   * A client adds {@code ?name=<name>} to be named in the room.
   *
   * @param room the room's name, as in the URL
   */
  public URI signalingUrl(String room) {
    return URI.create("ws" + base.toString().substring(4) + "signaling/" + room);
  }

  /**
   * Closes every signalling room (members see close code 1001) and stops the server.
   *
   * @throws CallflowException if Jetty cannot stop
   */
  @Override
  public void close() {
    signaling.closeAll(SignalingRooms.SERVER_STOPPING, "server stopping");
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new CallflowException("Cannot stop the Jetty server at " + base, e);
    } finally {
      signaling.closeAll(SignalingRooms.SERVER_STOPPING, "server stopping"); // any room opened meanwhile
    }
  }

  /** Immutable settings for a {@link CallflowServer}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path pages;
    private boolean openRoomsOnJoin;
    private int maxSignalingMessage = MAX_SIGNALING_MESSAGE;
    private String advertisedHost;
    private List<String> allowedHosts = List.of();
    private int maxRooms = 256;
    private int maxMembersPerRoom = 64;
    private long maxQueuedBytes = 1024 * 1024;

    private Builder() {}

    /** A copy with one change: each {@code with} method returns a new builder. */
    private Builder with(Consumer<Builder> change) {
      Builder b = new Builder();
      b.host = host;
      b.port = port;
      b.pages = pages;
      b.openRoomsOnJoin = openRoomsOnJoin;
      b.maxSignalingMessage = maxSignalingMessage;
      b.advertisedHost = advertisedHost;
      b.allowedHosts = allowedHosts;
      b.maxRooms = maxRooms;
      b.maxMembersPerRoom = maxMembersPerRoom;
      b.maxQueuedBytes = maxQueuedBytes;
      change.accept(b);
      return b;
    }

    /**
     * {@return a builder that binds this address}
     *
     * @param host the address to bind; 127.0.0.1 by default, {@code 0.0.0.0} for every interface
     */
    public Builder withHost(String host) {
      Objects.requireNonNull(host);
      return with(b -> b.host = host);
    }

    /**
     * {@return a builder that binds this port}
     *
     * @param port the port to bind; 0 (a free port) by default
     */
    public Builder withPort(int port) {
      return with(b -> b.port = port);
    }

    /**
     * The host name pages use to reach the server, e.g. the address a Selenium Grid node knows it by
     * when the server binds {@code 0.0.0.0}: {@link CallflowServer#baseUri()} and the URLs built from it use it, and
     * it is an allowed host. By default the bound address.
     *
     * @param host a host name or address, without a port
     * @return a builder that advertises this host
     * @throws IllegalArgumentException if {@code host} is not a host name or address, or is a wildcard such as
     *     {@code 0.0.0.0}
     */
    public Builder withAdvertisedHost(String host) {
      String checked = AllowedHosts.checkHost(Objects.requireNonNull(host), false);
      return with(b -> b.advertisedHost = checked);
    }

    /**
     * What a configured advertised host ({@code callflow.advertisedHost}) does to these settings: the server is
     * advertised by {@code host} unless they already name an advertised host, and binds every interface, for browsers on
     * other machines, unless {@code host} is loopback or they already bind an address of their own.
     *
     * @param host a host name or address, without a port
     * @return a builder reachable by {@code host}
     * @throws IllegalArgumentException as {@link #withAdvertisedHost} does
     */
    public Builder reachableAs(String host) {
      Builder built = advertisedHost == null ? withAdvertisedHost(host) : this;
      boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
      return loopback || !this.host.equals("127.0.0.1") ? built : built.withHost("0.0.0.0");
    }

    /**
     * Further names ({@code host} or {@code host:port}; a bare host means the server's port) that
     * requests may address the server by; the {@code Host} of any other request is answered 421, and a
     * WebSocket upgrade from a page of any other origin 403. The bound address, localhost and the
     * advertised host are always allowed.
     *
     * @param hosts the further names, each {@code host} or {@code host:port}; they replace any given before
     * @return a builder that also allows these names
     * @throws IllegalArgumentException if a name is not a host or {@code host:port}, or is a wildcard
     */
    public Builder withAllowedHosts(String... hosts) {
      List<String> checked = Arrays.stream(hosts).map(h -> AllowedHosts.checkHost(Objects.requireNonNull(h), true)).toList();
      return with(b -> b.allowedHosts = checked);
    }

    /**
     * {@return a builder whose signalling rooms open when their first member joins}
     * By default a room must be opened with {@link SignalingRooms#open(String)} first.
     */
    public Builder withRoomsOpenedOnJoin() {
      return with(b -> b.openRoomsOnJoin = true);
    }

    /**
     * {@return a builder that accepts signalling messages up to this size}
     *
     * @param bytes the largest signalling message accepted, in bytes; 64 KiB by default
     */
    public Builder withMaxSignalingMessage(int bytes) {
      return with(b -> b.maxSignalingMessage = bytes);
    }

    /**
     * {@return a builder with at most this many signalling rooms open at once} A join beyond it is closed with 4429.
     *
     * @param rooms the most rooms; 256 by default
     * @throws IllegalArgumentException if {@code rooms} is below 1
     */
    public Builder withMaxRooms(int rooms) {
      return with(b -> b.maxRooms = positive(rooms, "rooms"));
    }

    /**
     * {@return a builder with at most this many members in one signalling room} A join beyond it is closed with 4409.
     *
     * @param members the most members of one room; 64 by default
     * @throws IllegalArgumentException if {@code members} is below 1
     */
    public Builder withMaxMembersPerRoom(int members) {
      return with(b -> b.maxMembersPerRoom = positive(members, "members per room"));
    }

    /**
     * The most bytes waiting to be sent to one member: 1 MiB by default, no less than the largest
     * signalling message. A member that does not read fast enough to stay under it is closed with 4408.
     *
     * @param bytes the most bytes waiting for one member
     * @return a builder with this bound
     * @throws IllegalArgumentException if {@code bytes} is below 1
     */
    public Builder withMaxQueuedBytes(long bytes) {
      return with(b -> b.maxQueuedBytes = positive(bytes, "queued bytes"));
    }

    private static <N extends Number> N positive(N n, String what) {
      if (n.longValue() < 1) {
        throw new IllegalArgumentException("The most " + what + " must be positive, not " + n);
      }
      return n;
    }

    /**
     * {@return a builder that also serves this directory} Its files win over Callflow's own on equal paths.
     *
     * @param directory the user's pages, e.g. {@code src/test/web}
     * @throws IllegalArgumentException if {@code directory} is not a directory
     */
    public Builder withPages(Path directory) {
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("Not a directory of pages: " + directory.toAbsolutePath());
      }
      return with(b -> b.pages = directory.toAbsolutePath().normalize());
    }

    /**
     * Starts a server with these settings.
     *
     * @return the running server; close it to stop it
     * @throws IllegalArgumentException if the most queued bytes are below the largest signalling message
     * @throws CallflowException if Jetty cannot start, e.g. the port is taken
     */
    public CallflowServer start() {
      if (maxQueuedBytes < maxSignalingMessage) {
        throw new IllegalArgumentException("withMaxQueuedBytes(" + maxQueuedBytes + ") is below the largest signalling message ("
            + maxSignalingMessage + " bytes): one message would close its receiver");
      }
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost(host);
      connector.setPort(port);
      jetty.addConnector(connector);

      AllowedHosts hosts = AllowedHosts.of(host, advertisedHost, allowedHosts, connector::getLocalPort);
      PagesHandler files = new PagesHandler(pages);
      SignalingRooms rooms = new SignalingRooms(openRoomsOnJoin,
          new SignalingRooms.Limits(maxRooms, maxMembersPerRoom, maxQueuedBytes));
      WebSocketUpgradeHandler signaling = WebSocketUpgradeHandler.from(jetty, container -> {
        container.setMaxTextMessageSize(maxSignalingMessage);
        container.setIdleTimeout(Duration.ofMinutes(10));
        container.addMapping("/signaling/*", (request, response, callback) -> {
          String origin = request.getHeaders().get(HttpHeader.ORIGIN);
          // Browsers always send an Origin; a test's own client may send none.
          if (origin != null && !hosts.allowsOrigin(origin)) {
            FrontDoor.plainText(response, callback, 403, "WebSocket upgrade from origin '" + origin
                + "' refused: signalling rooms accept pages of this server (" + hosts + ") or clients that send no Origin.");
            return null;
          }
          String path = request.getHttpURI().getPath();
          String room = path.substring(path.indexOf("/signaling/") + "/signaling/".length());
          return rooms.endpoint(room, Request.extractQueryParameters(request).getValue("name"));
        });
      });
      signaling.setHandler(files);
      jetty.setHandler(new FrontDoor(signaling, hosts));
      try {
        jetty.start();
      } catch (Exception e) {
        try {
          jetty.stop();
        } catch (Exception ignored) {
          // Nothing was started that stop() could free.
        }
        throw new CallflowException("Cannot start Jetty on " + host + ":" + port + ": " + e.getMessage(), e);
      }
      String shown = advertisedHost != null ? advertisedHost : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
      return new CallflowServer(jetty, URI.create("http://" + shown + ":" + connector.getLocalPort() + "/"), rooms);
    }
  }
}
