package dev.callflow;

import dev.callflow.internal.browser.BrowserPool;
import dev.callflow.internal.browser.BrowserSession;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import dev.callflow.server.CallflowServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A Callflow session without JUnit: an embedded server and a pool of warm browsers. Close it to stop
 * every browser, driver and the server.
 *
 * <pre>{@code
 * try (Callflow callflow = Callflow.start()) {
 *   Peer alice = callflow.peer("alice", BrowserType.CHROME);
 *   Peer bob = callflow.peer("bob", BrowserType.FIREFOX);
 *   alice.call(bob).withAudio().withVideo().connect();
 * }
 * }</pre>
 */
public final class Callflow implements AutoCloseable {
  private final CallflowServer server;
  private final BrowserPool pool;

  public Callflow(CallflowServer server) {
    this.server = server;
    this.pool = new BrowserPool();
  }

  /** A session on a new server with the defaults (127.0.0.1, a free port, Callflow's pages). */
  public static Callflow start() {
    return start(CallflowServer.builder());
  }

  /** A session on a new server built by {@code server}; the server is closed again if the session cannot start. */
  public static Callflow start(CallflowServer.Builder server) {
    CallflowServer started = server.start();
    try {
      return new Callflow(started);
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  public CallflowServer server() {
    return server;
  }

  /** A peer on the reference page, in a browser of this type with the default spec. */
  public Peer peer(String name, BrowserType type) {
    return peer(name, BrowserSpec.of(type));
  }

  public Peer peer(String name, BrowserSpec spec) {
    return peers(List.of(new PeerRequest(name, spec))).get(0);
  }

  /** A request for one peer: a name and the browser it runs in. */
  public record PeerRequest(String name, BrowserSpec spec) {}

  /** Several peers on the reference page; their browsers start in parallel. */
  public List<Peer> peers(List<PeerRequest> requests) {
    List<BrowserSession> sessions = pool.acquireAll(requests.stream().map(PeerRequest::spec).toList());
    List<Peer> peers = new ArrayList<>();
    URI page = server.url("/peer.html");
    try {
      for (int i = 0; i < requests.size(); i++) {
        peers.add(Peer.attach(requests.get(i).name(), sessions.get(i), page, pool::release));
      }
    } catch (RuntimeException e) {
      peers.forEach(Peer::close);
      // Peer.attach released the browser it failed on; the ones after it were never used.
      sessions.subList(peers.size() + 1, sessions.size()).forEach(pool::release);
      throw e;
    }
    return peers;
  }

  @Override
  public void close() {
    try {
      pool.close();
    } finally {
      server.close();
    }
  }
}
