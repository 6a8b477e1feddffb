package dev.callflow.internal.browser;

import dev.callflow.browser.CandidatePolicy;
import dev.callflow.browser.PageLoadException;
import dev.callflow.browser.BrowserInfo;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpStatus;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.UnhandledAlertException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.browsingcontext.BrowsingContext;

/**
 * Navigates and says what happened. After the load event, the page's Navigation Timing entry gives the
 * HTTP status (Chrome and Firefox both report {@code responseStatus}). A network error shows as the
 * driver's error (Chrome: {@code net::ERR_...}; Firefox: its {@code about:neterror?e=...} page); a
 * page whose load event does not come in time as the driver's timeout.
 */
final class PageOpener {
  private static final Pattern CHROME_ERROR = Pattern.compile("net::(ERR_[A-Z_]+)");
  private static final Pattern FIREFOX_ERROR = Pattern.compile("about:(?:neterror|certerror)\\?e=([A-Za-z]+)");
  /** Network errors in words, by Chrome's and Firefox's names for them. */
  private static final Map<String, String> NETWORK_ERRORS = Map.ofEntries(
      Map.entry("ERR_CONNECTION_REFUSED", "connection refused"), Map.entry("connectionFailure", "connection refused"),
      Map.entry("ERR_NAME_NOT_RESOLVED", "host name not found"), Map.entry("dnsNotFound", "host name not found"),
      Map.entry("ERR_CONNECTION_RESET", "connection reset"), Map.entry("netReset", "connection reset"),
      Map.entry("ERR_CONNECTION_TIMED_OUT", "connection timed out"), Map.entry("netTimeout", "connection timed out"),
      Map.entry("ERR_EMPTY_RESPONSE", "the server closed the connection without an answer"),
      Map.entry("ERR_PROXY_CONNECTION_FAILED", "proxy connection failed"), Map.entry("proxyConnectFailure", "proxy connection failed"));
  private static final String STATUS = """
      const n = performance.getEntriesByType('navigation')[0];
      const probe = window.__callflow;
      return [document.documentURI, document.readyState, n && typeof n.responseStatus === 'number' ? n.responseStatus : 0,
        probe ? probe.doc : null, probe ? probe.lastSeq() : 0];
      """;

  private final WebDriver driver;
  private final String who;
  private final BrowserInfo browser;
  private final boolean hermetic;

  /**
   * @param who how messages begin, e.g. {@code alice: }
   * @param hermetic whether the browser reaches only this machine (a network error elsewhere says so)
   */
  PageOpener(WebDriver driver, String who, BrowserInfo browser, boolean hermetic) {
    this.driver = driver;
    this.who = who;
    this.browser = browser;
    this.hermetic = hermetic;
  }

  /** Opens {@code url}, whose load event must come within {@code timeout} (already set on the driver). */
  /**
   * Opens the page; returns where the probe's events stood once it had loaded (doc null without a probe), so
   * that what the page did while loading can be awaited.
   */
  BrowserSession.Result open(String url, Duration timeout) {
    try {
      driver.get(url);
    } catch (TimeoutException e) {
      throw timedOut(url, timeout, e);
    } catch (WebDriverException e) {
      String code = errorCode(e.getMessage());
      if (code != null) {
        throw networkError(url, code, e);
      }
      if (!arrived(url)) {
        throw e;
      }
      // The page arrived, and its scripts broke the driver's own helper scripts while it loaded (they
      // run in the page's realm: a page can replace what they use). The checks below still run.
    }
    List<?> page;
    try {
      page = (List<?>) ((JavascriptExecutor) driver).executeScript(STATUS);
    } catch (UnhandledAlertException e) {
      // the page loaded and shows a dialog: its status cannot be read, and the test handles the dialog
      return new BrowserSession.Result(null, null, null, 0);
    } catch (WebDriverException e) {
      // The page's scripts may have replaced built-ins that the driver's own helper scripts need (a page
      // can break executeScript in Chrome): the address still tells an error page apart.
      page = Arrays.asList(currentUrl(), "unknown", 0, null, 0);
    }
    String document = String.valueOf(page.get(0));
    int status = ((Number) page.get(2)).intValue();
    if (document.startsWith("chrome-error:") || FIREFOX_ERROR.matcher(document).lookingAt()) {
      String code = errorCode(document);
      throw networkError(url, code == null ? "the browser's error page" : code, null);
    }
    if (status >= 400) {
      String reason = HttpStatus.getMessage(status);
      throw new PageLoadException(who + "cannot open " + url + " in " + browser + ": HTTP " + status
          + (reason.equals(String.valueOf(status)) ? "" : " " + reason), url, PageLoadException.Problem.HTTP_ERROR, status, null);
    }
    return new BrowserSession.Result(null, null, page.get(3) == null ? null : String.valueOf(page.get(3)),
        ((Number) page.get(4)).longValue());
  }

  /** Whether the tab shows {@code url} now. */
  private boolean arrived(String url) {
    try {
      String current = currentUrl();
      return current.equals(url) || current.equals(url + "/");
    } catch (WebDriverException e) {
      return false;
    }
  }

  /** The tab's address, asked over BiDi: unlike the classic command, it runs no script in the page. */
  private String currentUrl() {
    return new BrowsingContext(driver, driver.getWindowHandle()).getTree(0).get(0).getUrl();
  }

  private PageLoadException networkError(String url, String code, Throwable cause) {
    String words = NETWORK_ERRORS.get(code);
    String error = words == null ? "network error " + code : words + " (" + code + ")";
    String host = URI.create(url).getHost();
    boolean elsewhere = host != null && !List.of("127.0.0.1", "localhost", "[::1]", "::1").contains(host.toLowerCase(Locale.ROOT));
    if (hermetic && elsewhere) {
      error += "; this browser reaches only this machine (CandidatePolicy.LOOPBACK: @Candidates(CandidatePolicy.ANY) lifts it)";
    }
    return new PageLoadException(who + "cannot open " + url + " in " + browser + ": " + error, url,
        PageLoadException.Problem.NETWORK_ERROR, 0, cause);
  }

  private PageLoadException timedOut(String url, Duration timeout, TimeoutException e) {
    String seen;
    try {
      // Stop the load, so the page is not left loading forever, and see how far it got.
      List<?> page = (List<?>) ((JavascriptExecutor) driver).executeScript("window.stop();" + STATUS);
      String document = String.valueOf(page.get(0));
      boolean arrived = document.equals(url) || document.equals(url + "/");
      seen = arrived ? "the page arrived (HTTP " + page.get(2) + ", readyState " + page.get(1)
          + ") but something it loads did not (a script, stylesheet, image or frame)"
          : "the server sent no page";
    } catch (WebDriverException ignored) {
      seen = "the browser did not say how far it got";
    }
    return new PageLoadException(who + url + " did not finish loading within " + format(timeout) + " in " + browser
        + ": " + seen + ". The page-load timeout is -Dcallflow.pageLoadTimeout (seconds, default 30) or Peer.open(url, timeout).",
        url, PageLoadException.Problem.TIMEOUT, 0, e);
  }

  /** {@code 30s}, or {@code 1500ms} for a timeout that is not whole seconds. */
  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** Chrome's {@code ERR_...} or Firefox's {@code e=...} name of a network error in a message, or null. */
  private static String errorCode(String message) {
    if (message == null) {
      return null;
    }
    Matcher chrome = CHROME_ERROR.matcher(message);
    if (chrome.find()) {
      return chrome.group(1);
    }
    Matcher firefox = FIREFOX_ERROR.matcher(message);
    return firefox.find() ? firefox.group(1) : null;
  }
}
