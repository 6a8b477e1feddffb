package dev.callflow.internal.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.browser.CandidatePolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.MutableCapabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.Augmenter;
import org.openqa.selenium.remote.RemoteWebDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a browser as a RemoteWebDriver session on a Selenium Grid 4, with the options, fake media, probe and
 * WebDriver BiDi events of a browser on this machine. BiDi goes through the Grid's router: the session's
 * {@code webSocketUrl} names it when each node is started with {@code --grid-url} (else it names the node).
 *
 * <p>Hermetic ({@link CandidatePolicy#LOOPBACK}) on a Grid means: only this Grid's hosts. The probe keeps loopback
 * candidates and those on the addresses of the Grid's nodes (their {@code /status} URIs, resolved here), and the
 * browser resolves no host name but localhost and the host Callflow's server is advertised by.
 */
final class GridLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(GridLauncher.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(10);

  private GridLauncher() {}

  /**
   * A session on the spec's Grid whose pages may take {@code pageLoadTimeout} to load; {@code pageHost} is the host
   * the browser opens Callflow's pages at (reachable even when hermetic).
   *
   * @throws BrowserLaunchException naming the Grid's address and the reason when no session starts there
   */
  static BrowserSession launch(BrowserSpec spec, Duration pageLoadTimeout, String pageHost) {
    URL grid = spec.gridUrl().orElseThrow();
    Optional<JsonNode> status = status(grid);
    // A Grid with no node for the browser keeps the request queued for its session request timeout (300 s by default).
    status.flatMap(s -> missingNode(spec.type().id(), s)).ifPresent(offer -> {
      throw new BrowserLaunchException("Cannot start " + spec.type().id() + " on the Selenium Grid at " + grid + ": " + offer
          + ".\nStart a node for " + spec.type().id() + ", or give this peer another Grid (BrowserSpec.withGrid).", null);
    });
    List<String> pageHosts = pageHost == null || isLoopbackName(pageHost) ? List.of() : List.of(pageHost);
    MutableCapabilities options = spec.type() == BrowserType.CHROME ? BrowserLauncher.chromeOptions(spec, pageHosts)
        : BrowserLauncher.firefoxOptions(spec, pageHosts);
    WebDriver driver;
    try {
      driver = new Augmenter().augment(new RemoteWebDriver(grid, options));
    } catch (WebDriverException e) {
      throw new BrowserLaunchException("Cannot start " + spec.type().id() + " on the Selenium Grid at " + grid + ": "
          + BrowserLauncher.rootReason(e) + "\nCheck that a Selenium Grid 4 runs there with a node for " + spec.type().id()
          + " (the Grid is named by callflow.grid, or by BrowserSpec.withGrid for one peer).", e);
    }
    List<String> gridHosts = spec.candidatePolicy() == CandidatePolicy.LOOPBACK
        ? status.map(GridLauncher::nodeAddresses).orElse(List.of()) : List.of();
    return new BrowserSession(spec, driver, null, null, BrowserLauncher.info(spec.type(),
        ((HasCapabilities) driver).getCapabilities()), pageLoadTimeout, gridHosts);
  }

  /** The Grid's {@code /status} answer, or empty if it gives none (the session request then says what is wrong). */
  private static Optional<JsonNode> status(URL grid) {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(STATUS_TIMEOUT).build().send(
          HttpRequest.newBuilder(grid.toURI().resolve("/status")).timeout(STATUS_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      return Optional.of(JSON.readTree(response.body()));
    } catch (IOException | URISyntaxException e) {
      LOG.warn("The Selenium Grid at {} did not answer /status ({}): hermetic peers on it keep loopback candidates only",
          grid, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * {@return why the Grid cannot start {@code browserName}, e.g. {@code "none of its nodes offers chrome (they offer:
   * firefox)"}, if its {@code /status} lists nodes and none that is up has a slot for it; empty if one has, or if the answer
   * lists no nodes at all}
   */
  static Optional<String> missingNode(String browserName, JsonNode status) {
    JsonNode nodes = status.path("value").path("nodes");
    if (!nodes.isArray()) {
      return Optional.empty();
    }
    Set<String> offered = new TreeSet<>();
    for (JsonNode node : nodes) {
      if (node.path("availability").asText("UP").equals("UP")) {
        node.path("slots").forEach(slot -> offered.add(slot.path("stereotype").path("browserName").asText("?")));
      }
    }
    return offered.contains(browserName) ? Optional.empty() : Optional.of("none of its nodes offers " + browserName
        + (offered.isEmpty() ? " (it has no node up)" : " (they offer: " + String.join(", ", offered) + ")"));
  }

  /** The non-loopback addresses of the node URIs in a Grid's {@code /status} answer. */
  static List<String> nodeAddresses(JsonNode status) {
    Set<String> addresses = new LinkedHashSet<>();
    for (JsonNode node : status.path("value").path("nodes")) {
      String host;
      try {
        host = new URI(node.path("uri").asText("")).getHost();
      } catch (URISyntaxException e) {
        continue;
      }
      if (host == null) {
        continue;
      }
      try {
        for (InetAddress address : InetAddress.getAllByName(host)) {
          if (!address.isLoopbackAddress()) {
            addresses.add(address.getHostAddress().replaceAll("%.*$", ""));
          }
        }
      } catch (UnknownHostException e) {
        LOG.warn("The Selenium Grid's node {} has a host name this machine cannot resolve: its candidates are not kept",
            node.path("uri").asText());
      }
    }
    return new ArrayList<>(addresses);
  }

  private static boolean isLoopbackName(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
  }
}
