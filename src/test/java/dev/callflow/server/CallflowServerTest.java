package dev.callflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallflowServerTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Sends the path as written, without the client normalising dot segments away; the status line. */
  private static String rawGet(CallflowServer server, String path) throws IOException {
    return raw(server, path, "127.0.0.1:" + server.port()).lines().findFirst().orElse("");
  }

  /** A GET with this request target, Host and other headers (else Connection: close), as written; the whole response. */
  private static String raw(CallflowServer server, String target, String host, String... headers) throws IOException {
    try (Socket socket = new Socket(server.baseUri().getHost().equals("[::1]") ? "::1" : "127.0.0.1", server.port())) {
      String extra = headers.length == 0 ? "Connection: close\r\n" : String.join("\r\n", headers) + "\r\n";
      socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\n" + extra + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void servesTheBundledPagesOnLoopbackAtAFreePort() throws Exception {
    try (CallflowServer server = CallflowServer.start()) {
      assertThat(server.baseUri().getHost()).isEqualTo("127.0.0.1");
      assertThat(server.port()).isPositive();

      HttpResponse<String> page = get(server.url("/peer.html"));
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).contains("<script src=\"peer.js\">");
      assertThat(get(server.url("callflow-probe.js")).body()).contains("RTCPeerConnection");
      assertThat(get(server.url("/missing.html")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void refusesPathsOutsideItsRoots(@TempDir Path root) throws Exception {
    Path pages = Files.createDirectory(root.resolve("pages"));
    Files.writeString(root.resolve("secret.txt"), "secret");
    try (CallflowServer server = CallflowServer.builder().withPages(pages).start()) {
      for (String path : new String[] {"/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt"}) {
        String status = rawGet(server, path);
        assertThat(status).as(path).startsWith("HTTP/1.1 4").doesNotContain("200");
      }
    }
  }

  @Test
  void refusesSymlinksThatLeaveThePagesFolder(@TempDir Path root) throws Exception {
    Path pages = Files.createDirectory(root.resolve("pages"));
    Path outside = Files.createDirectory(root.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "classified");
    Files.writeString(pages.resolve("real.txt"), "inside");
    Files.createDirectory(pages.resolve("sub"));
    Files.createSymbolicLink(pages.resolve("secret.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(pages.resolve("relative.txt"), Path.of("../outside/secret.txt"));
    Files.createSymbolicLink(pages.resolve("dir"), outside);
    Files.createSymbolicLink(pages.resolve("index.html"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(pages.resolve("alias.txt"), Path.of("real.txt"));
    Files.createSymbolicLink(pages.resolve("sub/up.txt"), Path.of("../real.txt"));
    try (CallflowServer server = CallflowServer.builder().withPages(pages).start()) {
      for (String path : new String[] {"/secret.txt", "/relative.txt", "/dir/secret.txt", "/index.html"}) {
        HttpResponse<String> response = get(server.url(path));
        assertThat(response.statusCode()).as(path).isEqualTo(404);
        assertThat(response.body()).as(path).doesNotContain("classified");
      }
      // A linked index.html is no welcome page: the folder is refused like one without an index.
      HttpResponse<String> folder = get(server.url("/"));
      assertThat(folder.statusCode()).isEqualTo(403);
      assertThat(folder.body()).doesNotContain("classified");
      // Links that stay inside the folder are fine.
      assertThat(get(server.url("/alias.txt")).body()).isEqualTo("inside");
      assertThat(get(server.url("/sub/up.txt")).body()).isEqualTo("inside");
    }
  }

  @Test
  void answersOnlyToItsOwnHostNames() throws Exception {
    try (CallflowServer server = CallflowServer.start()) {
      int port = server.port();
      assertThat(raw(server, "/peer.html", "127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
      assertThat(raw(server, "/peer.html", "LOCALHOST:" + port)).startsWith("HTTP/1.1 200");

      // DNS rebinding: a page of another site whose name now resolves to 127.0.0.1.
      String rebound = raw(server, "/peer.html", "attacker.example:" + port);
      assertThat(rebound).startsWith("HTTP/1.1 421").contains("'attacker.example:" + port + "'")
          .contains("127.0.0.1:" + port).contains("withAllowedHosts").doesNotContain("<script");
      for (String host : new String[] {"127.0.0.1", "127.0.0.1:" + (port == 1 ? 2 : port - 1), "[::1]:" + port,
          "127.0.0.1.nip.io:" + port, "localhost.:" + port}) {
        assertThat(raw(server, "/peer.html", host)).as(host).startsWith("HTTP/1.1 421");
      }
      // An absolute request target names the host too: Jetty refuses one that differs from Host.
      assertThat(raw(server, "http://attacker.example:" + port + "/peer.html", "attacker.example:" + port)).startsWith("HTTP/1.1 421");
      assertThat(raw(server, "http://attacker.example:" + port + "/peer.html", "127.0.0.1:" + port)).startsWith("HTTP/1.1 400");
      // Signalling upgrades are refused the same way, before any room is looked at.
      assertThat(raw(server, "/signaling/room1?name=x", "attacker.example:" + port, "Connection: Upgrade, close", "Upgrade: websocket",
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13")).startsWith("HTTP/1.1 421");
    }
  }

  @Test
  void answersToConfiguredAndAdvertisedHostNames() throws Exception {
    try (CallflowServer server = CallflowServer.builder().withAllowedHosts("grid-node.internal", "proxy.internal:8080").start()) {
      int port = server.port();
      assertThat(raw(server, "/peer.html", "grid-node.internal:" + port)).startsWith("HTTP/1.1 200");
      assertThat(raw(server, "/peer.html", "proxy.internal:8080")).startsWith("HTTP/1.1 200");
      assertThat(raw(server, "/peer.html", "proxy.internal:" + port)).startsWith("HTTP/1.1 421");
      assertThat(raw(server, "/peer.html", "127.0.0.1:" + port)).startsWith("HTTP/1.1 200");
    }
    try (CallflowServer server = CallflowServer.builder().withAdvertisedHost("callflow.internal").start()) {
      assertThat(server.baseUri().toString()).isEqualTo("http://callflow.internal:" + server.port() + "/");
      assertThat(server.signalingUrl("r").toString()).isEqualTo("ws://callflow.internal:" + server.port() + "/signaling/r");
      assertThat(raw(server, "/peer.html", "callflow.internal:" + server.port())).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void anAdvertisedHostFromTheConfigurationKeepsTheAddressAndNameTheServerWasGiven() throws Exception {
    try (CallflowServer server = CallflowServer.builder().withHost("127.0.0.2").reachableAs("callflow.internal").start()) {
      assertThat(server.baseUri().toString()).isEqualTo("http://callflow.internal:" + server.port() + "/");
      new Socket("127.0.0.2", server.port()).close();
      assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).as("still bound to 127.0.0.2 alone")
          .isInstanceOf(java.net.ConnectException.class);
    }
    try (CallflowServer server = CallflowServer.builder().withAdvertisedHost("mine.internal").reachableAs("callflow.internal").start()) {
      assertThat(server.baseUri().getHost()).isEqualTo("mine.internal");
    }
    try (CallflowServer server = CallflowServer.builder().reachableAs("localhost").start()) {
      assertThat(server.baseUri().getHost()).isEqualTo("localhost");
      assertThat(rawGet(server, "/peer.html")).startsWith("HTTP/1.1 200");
    }
  }

  @Test
  void answersToBracketedIpv6WhenBoundThere() throws Exception {
    CallflowServer server;
    try {
      server = CallflowServer.builder().withHost("::1").start();
    } catch (RuntimeException e) {
      Assumptions.abort("no IPv6 loopback here: " + e.getMessage());
      return;
    }
    try (server) {
      assertThat(server.baseUri().getHost()).isEqualTo("[::1]");
      assertThat(raw(server, "/peer.html", "[::1]:" + server.port())).startsWith("HTTP/1.1 200");
      assertThat(raw(server, "/peer.html", "localhost:" + server.port())).startsWith("HTTP/1.1 200");
      assertThat(raw(server, "/peer.html", "[::2]:" + server.port())).startsWith("HTTP/1.1 421");
    }
  }

  @Test
  void servesUserPagesFirstThenTheBundledOnes(@TempDir Path pages) throws Exception {
    Files.writeString(pages.resolve("app.html"), "<p>my app</p>");
    Files.writeString(pages.resolve("peer.html"), "<p>my own peer page</p>");
    try (CallflowServer server = CallflowServer.builder().withPages(pages).withHost("127.0.0.1").start()) {
      assertThat(get(server.url("/app.html")).body()).isEqualTo("<p>my app</p>");
      assertThat(get(server.url("/peer.html")).body()).isEqualTo("<p>my own peer page</p>");
      assertThat(get(server.url("/peer.js")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void bindsTheConfiguredPortAndFreesItOnClose() throws Exception {
    int port;
    try (CallflowServer first = CallflowServer.start()) {
      port = first.port();
    }
    try (CallflowServer again = CallflowServer.builder().withPort(port).start()) {
      assertThat(again.port()).isEqualTo(port);
      assertThat(get(again.url("/peer.html")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void rejectsAPagesPathThatIsNotADirectory(@TempDir Path dir) {
    assertThatThrownBy(() -> CallflowServer.builder().withPages(dir.resolve("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a directory of pages")
        .hasMessageContaining("nope");
  }

  @Test
  void rejectsSignallingBoundsThatCannotWork() {
    assertThatThrownBy(() -> CallflowServer.builder().withMaxRooms(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rooms must be positive");
    assertThatThrownBy(() -> CallflowServer.builder().withMaxQueuedBytes(1000).start())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below the largest signalling message (65536 bytes)");
    assertThatThrownBy(() -> CallflowServer.builder().withAllowedHosts("a b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a b'");
    assertThatThrownBy(() -> CallflowServer.builder().withAdvertisedHost("node:4444")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Not a host name:");
  }
}
