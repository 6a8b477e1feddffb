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
import java.util.Set;
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
    List<String> gridHosts = spec.candidatePolicy() == CandidatePolicy.LOOPBACK ? nodeAddresses(grid) : List.of();
    return new BrowserSession(spec, driver, null, null, BrowserLauncher.info(spec.type(),
        ((HasCapabilities) driver).getCapabilities()), pageLoadTimeout, gridHosts);
  }

  /**
   * The addresses of the Grid's nodes that are not loopback (loopback is kept anyway): the hosts of the node URIs
   * its {@code /status} lists, resolved here. Empty if the Grid does not say.
   */
  static List<String> nodeAddresses(URL grid) {
    try {
      HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(STATUS_TIMEOUT).build().send(
          HttpRequest.newBuilder(grid.toURI().resolve("/status")).timeout(STATUS_TIMEOUT).build(),
          HttpResponse.BodyHandlers.ofString());
      return nodeAddresses(JSON.readTree(response.body()));
    } catch (IOException | URISyntaxException e) {
      LOG.warn("The Selenium Grid at {} did not list its nodes ({}): hermetic peers on it keep loopback candidates only",
          grid, e.toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
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
