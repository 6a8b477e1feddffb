package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.Callflow;
import dev.callflow.CallflowConfig;
import dev.callflow.browser.PageLoadException;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.InstanceOfAssertFactories;

/** Opening a page says what went wrong, at once: HTTP status, network error or page-load timeout. */
@CallflowTest
class OpenPageTest {
  private static final Duration SHORT = Duration.ofSeconds(2);

  @EachBrowser
  void aMissingPageNamesItsUrlAndStatus(Peer alice) {
    String url = alice.driver().getCurrentUrl().replace("/peer.html", "/no-such-page.html");

    assertThatThrownBy(() -> alice.open("/no-such-page.html"))
        .isInstanceOf(PageLoadException.class)
        .hasMessage("alice: cannot open " + url + " in " + alice.browser() + ": HTTP 404 Not Found")
        .asInstanceOf(InstanceOfAssertFactories.type(PageLoadException.class))
        .satisfies(e -> assertThat(e.status()).hasValue(404))
        .satisfies(e -> assertThat(e.url()).isEqualTo(url));
  }

  @EachBrowser
  void aRefusedConnectionNamesTheNetworkError(Peer alice) throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/page.html";
    String code = alice.browser().type() == dev.callflow.browser.BrowserType.CHROME ? "ERR_CONNECTION_REFUSED" : "connectionFailure";

    assertThatThrownBy(() -> alice.open(url))
        .isInstanceOf(PageLoadException.class)
        .hasMessage("alice: cannot open " + url + " in " + alice.browser() + ": connection refused (" + code + ")")
        .extracting(e -> ((PageLoadException) e).problem()).isEqualTo(PageLoadException.Problem.NETWORK_ERROR);
  }

  /**
   * A port whose server has gone is refused again, though a page was opened from it: ports come back (tests in
   * parallel start and stop servers), and the relay into the browser's network namespace must not outlive its server.
   */
  @EachBrowser
  void aPortWhoseServerHasGoneIsRefusedAgain(Peer alice) throws IOException {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      byte[] page = "<!doctype html><title>here</title>".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/page.html";
    try {
      alice.open(url);
      assertThat(alice.driver().getTitle()).isEqualTo("here");
    } finally {
      server.stop(0);
    }
    String code = alice.browser().type() == dev.callflow.browser.BrowserType.CHROME ? "ERR_CONNECTION_REFUSED" : "connectionFailure";

    assertThatThrownBy(() -> alice.open(url)).isInstanceOf(PageLoadException.class)
        .hasMessage("alice: cannot open " + url + " in " + alice.browser() + ": connection refused (" + code + ")");
  }

  @EachBrowser
  void aServerThatNeverAnswersTimesOutNamingTheTimeout(Peer alice) throws Exception {
    try (Silent server = new Silent(null)) {
      String url = server.url("/never.html");

      assertThatThrownBy(() -> alice.open(url, SHORT))
          .isInstanceOf(PageLoadException.class)
          .hasMessageStartingWith("alice: " + url + " did not finish loading within 2s in " + alice.browser()
              + ": the server sent no page. The page-load timeout is -Dcallflow.pageLoadTimeout");
    }
    alice.open("/peer.html"); // the peer still works
  }

  @EachBrowser
  void aPageWhoseLoadNeverEndsTimesOutAfterTheConfiguredDefault(Peer alice) throws Exception {
    CallflowConfig config = CallflowConfig.fromEnvironment().withPageLoadTimeout(SHORT);
    try (Callflow callflow = Callflow.start(config); Peer bob = callflow.peer("bob", alice.browser().type());
        Silent server = new Silent("<!doctype html><title>half</title><p>the rest never comes")) {
      String url = server.url("/half.html");

      assertThatThrownBy(() -> bob.open(url))
          .isInstanceOf(PageLoadException.class)
          .hasMessageStartingWith("bob: " + url + " did not finish loading within 2s in " + bob.browser()
              + ": the page arrived (HTTP 200, readyState ")
          .hasMessageContaining("but something it loads did not")
          .extracting(e -> ((PageLoadException) e).problem()).isEqualTo(PageLoadException.Problem.TIMEOUT);
    }
  }

  /**
   * A server on 127.0.0.1 that accepts connections and never completes an answer: it says nothing, or
   * sends the start of a page whose announced length never arrives.
   */
  private static final class Silent implements AutoCloseable {
    private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    Silent(String partialPage) throws IOException {
      Thread thread = new Thread(() -> {
        try {
          while (true) {
            Socket s = socket.accept();
            accepted.add(s);
            if (partialPage != null) {
              OutputStream out = s.getOutputStream();
              out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n" + partialPage)
                  .getBytes(StandardCharsets.UTF_8));
              out.flush();
            }
          }
        } catch (IOException e) {
          // Closed.
        }
      }, "silent-server");
      thread.setDaemon(true);
      thread.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + socket.getLocalPort() + path;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      for (Socket s : accepted) {
        s.close();
      }
    }
  }
}
