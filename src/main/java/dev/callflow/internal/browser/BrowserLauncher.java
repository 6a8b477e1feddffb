package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserInfo;
import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.browser.CandidatePolicy;
import dev.callflow.browser.MediaAccess;
import dev.callflow.failure.ConfigurationException;
import dev.callflow.internal.ProcessReaper;
import dev.callflow.internal.Settings;
import dev.callflow.internal.net.Namespace;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.Capabilities;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.firefox.FirefoxDriver;
import org.openqa.selenium.firefox.FirefoxOptions;
import org.openqa.selenium.firefox.GeckoDriverService;
import org.openqa.selenium.net.PortProber;
import org.openqa.selenium.net.UrlChecker;
import org.openqa.selenium.HasCapabilities;
import org.openqa.selenium.remote.service.DriverService;

/**
 * Starts browsers from a {@link BrowserSpec}: local drivers first, or a Selenium Grid when the spec names one
 * ({@link GridLauncher}).
 * A local driver starts through {@code setsid}, as the leader of a process group of its own, with
 * {@code TMPDIR} and the browser profile in a folder of Callflow's (see {@link ProcessReaper}).
 */
public final class BrowserLauncher {
  /**
   * How long a driver may take to answer after it starts. Selenium's 20 s were too few on a machine whose two cores were
   * kept busy while the JUnit 6 run launched browsers in parallel: "Timed out waiting for driver server to bind the port".
   */
  private static final Duration DRIVER_START = Duration.ofSeconds(60);
  // Flags every Chrome needs here: root needs --no-sandbox; the rest keep it off the closed network.
  private static final List<String> CHROME_BASE = List.of(
      "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
      "--no-default-browser-check", "--disable-default-apps", "--disable-quic", "--disable-extensions",
      "--disable-domain-reliability", "--metrics-recording-only", "--password-store=basic",
      "--autoplay-policy=no-user-gesture-required",
      // Loopback host candidates, and real addresses instead of mDNS names, so calls can stay on loopback.
      "--allow-loopback-in-peer-connection",
      "--disable-features=WebRtcHideLocalIpsWithMdns,MediaRouter,OptimizationHints,Translate,AutofillServerCommunication");

  private static final Map<String, Object> FIREFOX_BASE = Map.ofEntries(
      // Loopback candidates; no default STUN server; real addresses instead of mDNS names.
      Map.entry("media.peerconnection.ice.loopback", true),
      Map.entry("media.peerconnection.default_iceservers", "[]"),
      Map.entry("media.peerconnection.ice.obfuscate_host_addresses", false),
      Map.entry("media.peerconnection.ice.default_address_only", false),
      Map.entry("media.autoplay.default", 0),
      Map.entry("media.autoplay.blocking_policy", 0),
      // An audio output even on a machine without a sound card: else every AudioContext stays 'suspended' (a synthetic
      // microphone would be silent, a page's Web Audio dead).
      Map.entry("media.cubeb.force_mock_context", true),
      // Nothing that calls home: updates, telemetry, safe browsing, captive portal, remote settings.
      Map.entry("app.update.auto", false),
      Map.entry("app.update.enabled", false),
      Map.entry("toolkit.telemetry.enabled", false),
      Map.entry("toolkit.telemetry.unified", false),
      Map.entry("datareporting.policy.dataSubmissionEnabled", false),
      Map.entry("datareporting.healthreport.uploadEnabled", false),
      Map.entry("browser.safebrowsing.malware.enabled", false),
      Map.entry("browser.safebrowsing.phishing.enabled", false),
      Map.entry("browser.safebrowsing.downloads.enabled", false),
      Map.entry("browser.safebrowsing.blockedURIs.enabled", false),
      Map.entry("network.captive-portal-service.enabled", false),
      Map.entry("network.connectivity-service.enabled", false),
      Map.entry("network.dns.disablePrefetch", true),
      Map.entry("network.prefetch-next", false),
      Map.entry("network.trr.mode", 5),
      Map.entry("extensions.update.enabled", false),
      Map.entry("extensions.getAddons.cache.enabled", false),
      Map.entry("browser.search.update", false),
      Map.entry("browser.region.update.enabled", false),
      Map.entry("browser.region.network.url", ""),
      Map.entry("media.gmp-manager.url", ""),
      Map.entry("media.gmp-gmpopenh264.autoupdate", false),
      Map.entry("browser.newtabpage.enabled", false),
      Map.entry("browser.startup.homepage_override.mstone", "ignore"),
      Map.entry("browser.shell.checkDefaultBrowser", false));

  /** Whether hermetic browsers run in a network namespace where the machine allows it (default true). */
  static final String NAMESPACES = "callflow.namespaces";

  private BrowserLauncher() {}

  /**
   * True if this browser and its driver are on this machine.
   *
   * @throws ConfigurationException if a path given for them explicitly does not work: a misconfigured
   *     browser is an error, not a missing one
   */
  public static boolean isInstalled(BrowserType type, Settings drivers) {
    try {
      requireInstalled(type, drivers);
      return true;
    } catch (BrowserLaunchException e) {
      return false;
    }
  }

  /**
   * Finds this browser and its driver as {@link #launch} would, without starting them.
   *
   * @throws BrowserLaunchException if either is missing; the message lists every attempt
   * @throws ConfigurationException if a path given for them explicitly does not work
   */
  public static void requireInstalled(BrowserType type, Settings drivers) {
    DriverDiscovery.find(type, drivers);
  }

  /**
   * Launches a browser for this spec, found as {@code drivers} say, whose pages may take
   * {@code pageLoadTimeout} to load unless told otherwise; the caller owns the session and must close it.
   */
  public static BrowserSession launch(BrowserSpec spec, Settings drivers, Duration pageLoadTimeout) {
    return launch(spec, drivers, pageLoadTimeout, null);
  }

  /**
   * {@link #launch(BrowserSpec, Settings, Duration)}, for pages at {@code pageHost}: the host of Callflow's server as
   * the browser reaches it, which a hermetic browser on a Selenium Grid resolves too (null: loopback only).
   */
  public static BrowserSession launch(BrowserSpec spec, Settings drivers, Duration pageLoadTimeout, String pageHost) {
    try {
      return spec.gridUrl().isPresent() ? GridLauncher.launch(spec, pageLoadTimeout, pageHost) : locally(spec, drivers, pageLoadTimeout);
    } catch (WebDriverException e) {
      throw new BrowserLaunchException("Cannot start " + spec + ": " + firstLine(e.getMessage())
          + "\nRun ci/setup.sh (as root) to install the browsers and drivers Callflow needs.", e);
    }
  }

  /**
   * Launches a browser for this spec on this machine inside {@code placement}, a namespace of a topology that is its
   * alone: never shared, never pooled. Its candidates are not filtered to loopback (the namespace keeps it
   * hermetic); its pages and their loopback ports are reached as in the shared namespace.
   *
   * @throws BrowserLaunchException if it cannot start, or the spec names a Selenium Grid
   */
  public static BrowserSession launchIn(BrowserSpec spec, Settings drivers, Duration pageLoadTimeout, Namespace placement) {
    if (spec.gridUrl().isPresent()) {
      throw new BrowserLaunchException("Cannot place " + spec + " in a network: a browser on a Selenium Grid runs on another"
          + " machine, outside this one's network namespaces. Drop withGrid(...) for peers in a Network.", null);
    }
    try {
      return locally(spec, drivers, pageLoadTimeout, Optional.of(placement));
    } catch (WebDriverException e) {
      throw new BrowserLaunchException("Cannot start " + spec + " in network namespace " + placement.name() + ": "
          + firstLine(e.getMessage()), e);
    }
  }

  private static BrowserSession locally(BrowserSpec spec, Settings drivers, Duration pageLoadTimeout) {
    return locally(spec, drivers, pageLoadTimeout, Optional.empty());
  }

  private static BrowserSession locally(BrowserSpec spec, Settings drivers, Duration pageLoadTimeout, Optional<Namespace> placement) {
    DriverDiscovery.Found found = DriverDiscovery.find(spec.type(), drivers);
    // Hermetic browsers share a network namespace of Callflow's, where this machine allows it.
    Optional<Namespace> network = placement.isPresent() ? placement
        : spec.candidatePolicy() == CandidatePolicy.LOOPBACK && drivers.flag(NAMESPACES, true) ? Namespace.hermetic() : Optional.empty();
    // In a topology's namespace, every candidate may leave the page: only the topology's links lead anywhere.
    CandidatePolicy probe = placement.isPresent() ? CandidatePolicy.ANY : spec.candidatePolicy();
    try {
      return locally(spec, found, network, placement.isPresent(), probe, pageLoadTimeout);
    } catch (WebDriverException e) {
      // Name the files, so that a wrong explicit path or a broken install shows at once.
      List<String> explicit = found.explicitSettings();
      throw new BrowserLaunchException("Cannot start " + spec + " with " + found.describe() + ": " + rootReason(e) + "\n"
          + (explicit.isEmpty() ? "Run ci/setup.sh (as root) to install the browsers and drivers Callflow needs."
              : "Check " + String.join(" and ", explicit) + " (an explicit path is used as given, never replaced by another)."), e);
    }
  }

  private static BrowserSession locally(BrowserSpec spec, DriverDiscovery.Found found, Optional<Namespace> network,
      boolean placed, CandidatePolicy probe, Duration pageLoadTimeout) {
    Path folder = ProcessReaper.newFolder(spec.type().id());
    Map<String, String> environment = Map.of("TMPDIR", folder.toString());
    java.io.File setsid = ProcessReaper.setsid().toFile();
    String driverPath = found.driver().toString();
    DriverService service;
    java.util.function.Supplier<WebDriver> session;
    if (spec.type() == BrowserType.CHROME) {
      // In a topology, the public segment as well: Chromium's TCP connections to a TURN server go through its host
      // resolver, IP literals too, and without it TURN over TCP fails at once ("Failed to establish connection").
      ChromeOptions options = chromeOptions(spec, placed ? List.of("203.0.113.*") : List.of());
      options.setBinary(found.browser().toFile());
      if (spec.extraArguments().stream().noneMatch(a -> a.startsWith("--user-data-dir"))) {
        options.addArguments("--user-data-dir=" + folder.resolve("profile"));
      }
      // In a namespace, Chrome's DevTools port is relayed to the host like the driver's, so that Selenium
      // finds it (it looks for it at every start) and CDP works as it does outside: choose it here.
      Integer devToolsPort = network.isPresent() ? PortProber.findFreePort() : null;
      if (devToolsPort != null) {
        options.addArguments("--remote-debugging-port=" + devToolsPort);
      }
      ChromeDriverService chrome = new ChromeDriverService.Builder() {
        @Override
        protected List<String> createArgs() {
          return inOwnGroup(driverPath, super.createArgs(), network, folder,
              devToolsPort == null ? List.of(getPort()) : List.of(getPort(), devToolsPort));
        }
      }.usingDriverExecutable(setsid).usingAnyFreePort().withTimeout(DRIVER_START).withEnvironment(environment)
          .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
      service = chrome;
      session = () -> new ChromeDriver(chrome, options);
    } else {
      // In a topology, the public segment as well: Firefox sends TURN over TCP through the (closed) HTTP proxy otherwise.
      FirefoxOptions options = firefoxOptions(spec, placed ? List.of("203.0.113.0/24") : List.of());
      options.setBinary(found.browser());
      // In a namespace, the WebDriver BiDi port is relayed to the host like the driver's: choose it here.
      Integer bidiPort = network.isPresent() ? PortProber.findFreePort() : null;
      GeckoDriverService gecko = new GeckoDriverService.Builder() {
        @Override
        protected List<String> createArgs() {
          return inOwnGroup(driverPath, super.createArgs(), network, folder,
              bidiPort == null ? List.of(getPort()) : List.of(getPort(), bidiPort));
        }

        @Override
        protected GeckoDriverService createDriverService(java.io.File exe, int port, Duration timeout, List<String> args,
            Map<String, String> environment) {
          try {
            return new GeckoDriverService(exe, port, timeout, args, environment) {
              // geckodriver's service only waits for its port to accept connections; in a namespace the
              // relay accepts them before the driver runs, so wait, as for chromedriver, for /status.
              @Override
              protected void waitUntilAvailable() {
                try {
                  new UrlChecker().waitUntilAvailable(getTimeout().toMillis(), TimeUnit.MILLISECONDS, new URL(getUrl() + "/status"));
                } catch (UrlChecker.TimeoutException | java.net.MalformedURLException e) {
                  throw new WebDriverException("Timed out waiting for geckodriver to answer on " + getUrl(), e);
                }
              }
            };
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      }.usingDriverExecutable(setsid).withProfileRoot(folder.toFile()).usingAnyFreePort().withWebSocketPort(bidiPort)
          .withTimeout(DRIVER_START).withEnvironment(environment).withLogOutput(java.io.OutputStream.nullOutputStream()).build();
      service = gecko;
      session = () -> new FirefoxDriver(gecko, options);
    }
    // The driver runs, and is covered by the watchdog, before any browser starts.
    LocalBrowser local = LocalBrowser.start(service, folder, network);
    WebDriver driver;
    try {
      driver = session.get();
    } catch (RuntimeException e) {
      service.stop();
      local.end();
      throw e;
    }
    return new BrowserSession(spec, probe, driver, service, local.withBrowser(), info(spec.type(),
        ((HasCapabilities) driver).getCapabilities()), pageLoadTimeout);
  }

  /**
   * The driver's command run by {@code setsid}: the driver then leads a session and process group of its
   * own; in a network namespace, with its {@code ports} relayed to the host.
   */
  private static List<String> inOwnGroup(String driver, List<String> arguments, Optional<Namespace> network, Path folder,
      List<Integer> ports) {
    List<String> command = new ArrayList<>();
    command.add(driver);
    command.addAll(arguments);
    return network.map(n -> n.driverCommand(folder, ports, command)).orElse(command);
  }

  static ChromeOptions chromeOptions(BrowserSpec spec) {
    return chromeOptions(spec, List.of());
  }

  /** Chrome's options for this spec; a hermetic browser also resolves {@code pageHosts} (where Callflow's server is, or a topology's public segment). */
  static ChromeOptions chromeOptions(BrowserSpec spec, List<String> pageHosts) {
    ChromeOptions options = new ChromeOptions();
    options.addArguments(CHROME_BASE);
    if (spec.headless()) {
      options.addArguments("--headless=new", "--window-size=1024,768");
    }
    switch (spec.mediaAccess()) {
      case FAKE_DEVICES -> options.addArguments("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream");
      case NO_DEVICES -> options.addArguments("--use-fake-device-for-media-stream=device-count=0",
          "--use-fake-ui-for-media-stream");
      // Devices exist but the permission is refused, so the page sees NotAllowedError, not NotFoundError.
      case DENIED -> options.addArguments("--use-fake-device-for-media-stream").setExperimentalOption("prefs", Map.of(
          "profile.default_content_setting_values.media_stream_camera", 2,
          "profile.default_content_setting_values.media_stream_mic", 2));
    }
    if (spec.candidatePolicy() == CandidatePolicy.LOOPBACK) {
      // Hermetic: no name resolves except localhost, so a page's CDN script fails at once, without DNS.
      options.addArguments("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE [::1]"
          + pageHosts.stream().map(h -> ", EXCLUDE " + h).collect(java.util.stream.Collectors.joining()));
    }
    options.addArguments(spec.extraArguments());
    options.setCapability("webSocketUrl", true);
    return options;
  }

  static FirefoxOptions firefoxOptions(BrowserSpec spec) {
    return firefoxOptions(spec, List.of());
  }

  /** Firefox's options for this spec; a hermetic browser also reaches {@code pageHosts} (where Callflow's server is, or a topology's public segment). */
  static FirefoxOptions firefoxOptions(BrowserSpec spec, List<String> pageHosts) {
    FirefoxOptions options = new FirefoxOptions();
    FIREFOX_BASE.forEach(options::addPreference);
    if (spec.headless()) {
      options.addArguments("-headless");
    }
    boolean granted = spec.mediaAccess() != MediaAccess.DENIED;
    // Firefox gathers loopback candidates only when camera and microphone permission is granted.
    options.addPreference("permissions.default.camera", granted ? 1 : 2);
    options.addPreference("permissions.default.microphone", granted ? 1 : 2);
    options.addPreference("media.navigator.permission.disabled", granted);
    options.addPreference("media.navigator.streams.fake", spec.mediaAccess() != MediaAccess.NO_DEVICES);
    if (spec.candidatePolicy() == CandidatePolicy.LOOPBACK) {
      // Hermetic: every request that is not for this machine goes to a closed local port, so a page's
      // CDN script fails at once and no name is looked up outside.
      options.addPreference("network.proxy.type", 1);
      for (String scheme : new String[] {"http", "ssl"}) {
        options.addPreference("network.proxy." + scheme, "127.0.0.1");
        options.addPreference("network.proxy." + scheme + "_port", 9);
      }
      options.addPreference("network.proxy.no_proxies_on", "localhost, 127.0.0.1, [::1]"
          + pageHosts.stream().map(h -> ", " + h).collect(java.util.stream.Collectors.joining()));
      options.addPreference("network.proxy.allow_hijacking_localhost", false);
    }
    for (String pref : spec.extraArguments()) {
      int eq = pref.indexOf('=');
      if (eq < 0) {
        options.addArguments(pref);
      } else {
        String value = pref.substring(eq + 1);
        Object typed = "true".equals(value) || "false".equals(value) ? Boolean.valueOf(value)
            : value.matches("-?\\d+") ? Integer.valueOf(value) : value;
        options.addPreference(pref.substring(0, eq), typed);
      }
    }
    options.setCapability("webSocketUrl", true);
    return options;
  }

  /** The first line of the innermost message: Selenium's outer ones are generic ("Could not start a new session"). */
  static String rootReason(Throwable e) {
    String reason = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage();
      }
    }
    return firstLine(reason);
  }

  private static String firstLine(String message) {
    return message == null ? "(no message)" : message.lines().findFirst().orElse("");
  }

  static BrowserInfo info(BrowserType type, Capabilities caps) {
    String driverVersion = "unknown";
    if (caps.getCapability("chrome") instanceof Map<?, ?> chrome && chrome.get("chromedriverVersion") != null) {
      driverVersion = String.valueOf(chrome.get("chromedriverVersion")).split(" ")[0];
    } else if (caps.getCapability("moz:geckodriverVersion") != null) {
      driverVersion = String.valueOf(caps.getCapability("moz:geckodriverVersion"));
    }
    return new BrowserInfo(type, caps.getBrowserName(), caps.getBrowserVersion(), driverVersion);
  }
}
