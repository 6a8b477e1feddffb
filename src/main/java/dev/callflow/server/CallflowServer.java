package dev.callflow.server;

import dev.callflow.CallflowException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The embedded Jetty server that serves Callflow's pages ({@code test-pages/} from the classpath)
 * and, optionally, a directory of the user's own pages, which wins on equal paths, and offers
 * WebSocket signalling rooms ({@link SignalingRooms}). It binds 127.0.0.1 on a free port unless told
 * otherwise, and serves nothing outside its roots.
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

  public static Builder builder() {
    return new Builder("127.0.0.1", 0, null, false, MAX_SIGNALING_MESSAGE);
  }

  private static final int MAX_SIGNALING_MESSAGE = 64 * 1024;

  /** Starts a server with the defaults: Callflow's pages on 127.0.0.1, a free port. */
  public static CallflowServer start() {
    return builder().start();
  }

  /** The server's root, e.g. {@code http://127.0.0.1:41234/}. */
  public URI baseUri() {
    return base;
  }

  /** An absolute URL for a path on this server, e.g. {@code url("/peer.html")}. */
  public URI url(String path) {
    return base.resolve(path.startsWith("/") ? path.substring(1) : path);
  }

  public int port() {
    return base.getPort();
  }

  /** The WebSocket signalling rooms of this server. */
  public SignalingRooms signaling() {
    return signaling;
  }

  /** The WebSocket URL of a signalling room, e.g. {@code ws://127.0.0.1:41234/signaling/room1}. */
  public URI signalingUrl(String room) {
    return URI.create("ws" + base.toString().substring(4) + "signaling/" + room);
  }

  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new CallflowException("Cannot stop the Jetty server at " + base, e);
    }
  }

  /** Immutable settings for a {@link CallflowServer}. */
  public static final class Builder {
    private final String host;
    private final int port;
    private final Path pages;
    private final boolean openRoomsOnJoin;
    private final int maxSignalingMessage;

    private Builder(String host, int port, Path pages, boolean openRoomsOnJoin, int maxSignalingMessage) {
      this.host = host;
      this.port = port;
      this.pages = pages;
      this.openRoomsOnJoin = openRoomsOnJoin;
      this.maxSignalingMessage = maxSignalingMessage;
    }

    /** The address to bind; 127.0.0.1 by default. */
    public Builder withHost(String host) {
      return new Builder(Objects.requireNonNull(host), port, pages, openRoomsOnJoin, maxSignalingMessage);
    }

    /** The port to bind; 0 (a free port) by default. */
    public Builder withPort(int port) {
      return new Builder(host, port, pages, openRoomsOnJoin, maxSignalingMessage);
    }

    /** Any signalling room opens when its first member joins (by default rooms must be opened first). */
    public Builder withRoomsOpenedOnJoin() {
      return new Builder(host, port, pages, true, maxSignalingMessage);
    }

    /** The largest signalling message accepted, bytes; 64 KiB by default. */
    public Builder withMaxSignalingMessage(int bytes) {
      return new Builder(host, port, pages, openRoomsOnJoin, bytes);
    }

    /** Also serves this directory; its files win over Callflow's own on equal paths. */
    public Builder withPages(Path directory) {
      if (!Files.isDirectory(directory)) {
        throw new IllegalArgumentException("Not a directory of pages: " + directory.toAbsolutePath());
      }
      return new Builder(host, port, directory.toAbsolutePath().normalize(), openRoomsOnJoin, maxSignalingMessage);
    }

    public CallflowServer start() {
      Server jetty = new Server();
      ServerConnector connector = new ServerConnector(jetty);
      connector.setHost(host);
      connector.setPort(port);
      jetty.addConnector(connector);

      PagesHandler files = new PagesHandler(pages);
      SignalingRooms rooms = new SignalingRooms(openRoomsOnJoin);
      WebSocketUpgradeHandler signaling = WebSocketUpgradeHandler.from(jetty, container -> {
        container.setMaxTextMessageSize(maxSignalingMessage);
        container.setIdleTimeout(Duration.ofMinutes(10));
        container.addMapping("/signaling/*", (request, response, callback) -> {
          String path = request.getHttpURI().getPath();
          String room = path.substring(path.indexOf("/signaling/") + "/signaling/".length());
          return rooms.endpoint(room, Request.extractQueryParameters(request).getValue("name"));
        });
      });
      signaling.setHandler(files);
      jetty.setHandler(new Handler.Wrapper(signaling) {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
          if (super.handle(request, response, callback)) {
            return true;
          }
          Response.writeError(request, response, callback, 404, "Not found: " + request.getHttpURI().getPath());
          return true;
        }
      });
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
      String shownHost = host.contains(":") ? "[" + host + "]" : host;
      return new CallflowServer(jetty, URI.create("http://" + shownHost + ":" + connector.getLocalPort() + "/"), rooms);
    }
  }
}
