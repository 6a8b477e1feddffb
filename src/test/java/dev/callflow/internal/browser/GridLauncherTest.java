package dev.callflow.internal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.browser.CandidatePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a hermetic browser on a Selenium Grid may reach, without a Grid: the nodes' addresses, the page's host. */
class GridLauncherTest {
  @Test
  void theNodesAddressesOtherThanLoopbackAreTheGridsHosts() throws Exception {
    String status = """
        {"value": {"ready": true, "nodes": [
          {"uri": "http://10.1.2.3:5555"}, {"uri": "http://127.0.0.1:5556"}, {"uri": "http://[fd00::7]:5557"},
          {"uri": "http://10.1.2.3:5558"}, {"uri": "not a uri at all"}, {}]}}""";

    assertThat(GridLauncher.nodeAddresses(new ObjectMapper().readTree(status))).containsExactly("10.1.2.3", "fd00:0:0:0:0:0:0:7");
  }

  @Test
  void aGridWithNoNodeUpForTheBrowserIsToldApartFromOneThatHasIt() throws Exception {
    String status = """
        {"value": {"ready": true, "nodes": [
          {"uri": "http://10.1.2.3:5555", "availability": "UP", "slots": [{"stereotype": {"browserName": "firefox"}}]},
          {"uri": "http://10.1.2.4:5555", "availability": "DRAINING", "slots": [{"stereotype": {"browserName": "chrome"}}]}]}}""";
    var json = new ObjectMapper().readTree(status);

    assertThat(GridLauncher.missingNode("firefox", json)).isEmpty();
    assertThat(GridLauncher.missingNode("chrome", json)).contains("none of its nodes offers chrome (they offer: firefox)");
    assertThat(GridLauncher.missingNode("chrome", new ObjectMapper().readTree("{\"value\": {\"nodes\": []}}")))
        .contains("none of its nodes offers chrome (it has no node up)");
    assertThat(GridLauncher.missingNode("chrome", new ObjectMapper().readTree("{\"value\": {\"ready\": false}}")))
        .as("an answer that does not list nodes does not say").isEmpty();
  }

  @Test
  void aHermeticBrowserResolvesTheHostItsPagesComeFrom() {
    BrowserSpec chrome = BrowserSpec.of(BrowserType.CHROME);
    assertThat(BrowserLauncher.chromeOptions(chrome, List.of("tests.example")).asMap().toString())
        .contains("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1], EXCLUDE tests.example");
    assertThat(BrowserLauncher.firefoxOptions(BrowserSpec.of(BrowserType.FIREFOX), List.of("tests.example")).asMap().toString())
        .contains("network.proxy.no_proxies_on=localhost, 127.0.0.1, [::1], tests.example");
    assertThat(BrowserLauncher.chromeOptions(chrome.withCandidatePolicy(CandidatePolicy.ANY), List.of("tests.example")).asMap().toString())
        .doesNotContain("host-resolver-rules");
  }
}
