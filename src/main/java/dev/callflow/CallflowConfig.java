package dev.callflow;

import dev.callflow.failure.ConfigurationException;
import dev.callflow.internal.Environment;
import dev.callflow.internal.Settings;
import dev.callflow.server.CallflowServer;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apiguardian.api.API;

/**
 * Callflow's configuration: immutable, read once, then handed to everything that needs it. Read it
 * from the environment, or build it in code for {@link Callflow#start(CallflowConfig)}:
 *
 * <pre>{@code
 * CallflowConfig config = CallflowConfig.fromEnvironment().withHeaded(true).withPageLoadTimeout(Duration.ofSeconds(10));
 * try (Callflow callflow = Callflow.start(config)) { … }
 * }</pre>
 *
 * Each setting is read from, first to last: JUnit configuration parameters (with {@link #read}; the
 * JUnit extension does so), system properties, environment variables. The variable's name is the key in
 * capitals with {@code _} between words: {@code callflow.parallelLaunches} is
 * {@code CALLFLOW_PARALLEL_LAUNCHES}. A value that does not parse, a path that cannot be used, and a
 * {@code callflow.*} property or {@code CALLFLOW_*} variable that is no setting at all (a typo) are a
 * {@link ConfigurationException} naming it. The settings, with their defaults, are in {@link Key}.
 */
public final class CallflowConfig {
  /** Every setting: its key (JUnit parameter and system property), environment variable and default. */
  public enum Key {
    /** Browsers show a window instead of running headless (needs a display). Default false. */
    HEADED("callflow.headed"),
    /** How many browsers start at once. Default: the number of cores, at least 2. */
    PARALLEL_LAUNCHES("callflow.parallelLaunches"),
    /**
     * How many browsers tests use at once; tests in parallel that need more wait for them. Default: twice the number
     * of cores, at least 2. (Warm browsers between tests are kept beside them while memory allows.)
     */
    MAX_BROWSERS("callflow.maxBrowsers"),
    /** Seconds a page may take to fire its load event. Default 30. */
    PAGE_LOAD_TIMEOUT("callflow.pageLoadTimeout"),
    /** Where a failed test's evidence goes, created if needed. Default {@code target/callflow}. */
    EVIDENCE_DIR("callflow.evidenceDir"),
    /** A folder of the user's pages, served next to Callflow's own. Default none. */
    PAGES("callflow.pages"),
    /** {@code matchesBaseline} rewrites baselines instead of comparing. Default false. */
    BASELINE_UPDATE("callflow.baseline.update"),
    /**
     * A JUnit test whose pages had an error (see {@code PeerEvent.isPageError()}) fails after its body, listing
     * them; {@code @FailOnPageErrors} sets it per class or test. Default false.
     */
    FAIL_ON_PAGE_ERRORS("callflow.failOnPageErrors"),
    /** The Chromium or Chrome binary. Default: searched on PATH, /usr/bin, /usr/local/bin. */
    CHROME_BINARY("callflow.chrome.binary"),
    /** The Firefox binary. Default: searched as for Chrome. */
    FIREFOX_BINARY("callflow.firefox.binary"),
    /** chromedriver. Default: searched as for Chrome, also in ~/.cargo/bin, then WebDriverManager. */
    CHROME_DRIVER("webdriver.chrome.driver"),
    /** geckodriver. Default: searched as for chromedriver. */
    GECKO_DRIVER("webdriver.gecko.driver"),
    /** Whether a driver that is not installed may be fetched with WebDriverManager. Default true. */
    WEBDRIVERMANAGER("callflow.webdrivermanager"),
    /**
     * Hermetic browsers run in a network namespace of Callflow's (Linux, as root), so they reach
     * nothing but each other and Callflow's server and the host's firewall is left alone. Default
     * true; false, or a machine that does not allow it, leaves them on the host's network, kept to
     * loopback candidates by the probe alone.
     */
    NAMESPACES("callflow.namespaces"),
    /**
     * A Selenium Grid ({@code http://grid:4444}) that every peer's browser runs on, as a RemoteWebDriver session, unless
     * its spec names another ({@code BrowserSpec.withGrid}). Default none: browsers run on this machine.
     */
    GRID("callflow.grid"),
    /**
     * The host name or address by which the Grid's browsers reach Callflow's server (this machine as the nodes know
     * it). The server then binds every interface, and its URLs use this name. Default none: the server binds
     * 127.0.0.1, which a Grid's browsers reach only on this machine.
     */
    ADVERTISED_HOST("callflow.advertisedHost");

    private final String key;

    Key(String key) {
      this.key = key;
    }

    /** {@return the JUnit configuration parameter and system property, e.g. {@code callflow.parallelLaunches}} */
    public String key() {
      return key;
    }

    /** {@return the environment variable, e.g. {@code CALLFLOW_PARALLEL_LAUNCHES}} */
    public String variable() {
      return variableFor(key);
    }

    static Optional<Key> byKey(String key) {
      return java.util.Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    static Optional<Key> byVariable(String variable) {
      return java.util.Arrays.stream(values()).filter(k -> k.variable().equals(variable)).findFirst();
    }
  }

  private static final String PREFIX = "callflow.";
  private static final String VARIABLE_PREFIX = "CALLFLOW_";

  private final boolean headed;
  private final int parallelLaunches;
  private final int maxBrowsers;
  private final Duration pageLoadTimeout;
  private final Path evidenceDir;
  private final Path pages;
  private final boolean baselineUpdate;
  private final boolean failOnPageErrors;
  /** Where browsers and drivers are, read by discovery when a browser is needed. */
  private final Settings drivers;
  private final URL grid;
  private final String advertisedHost;

  private CallflowConfig(boolean headed, int parallelLaunches, int maxBrowsers, Duration pageLoadTimeout, Path evidenceDir,
      Path pages, boolean baselineUpdate, boolean failOnPageErrors, Settings drivers) {
    this(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, evidenceDir, pages, baselineUpdate, failOnPageErrors, drivers,
        grid(drivers), advertisedHost(drivers));
  }

  private CallflowConfig(boolean headed, int parallelLaunches, int maxBrowsers, Duration pageLoadTimeout, Path evidenceDir,
      Path pages, boolean baselineUpdate, boolean failOnPageErrors, Settings drivers, URL grid, String advertisedHost) {
    this.grid = grid;
    this.advertisedHost = advertisedHost;
    this.headed = headed;
    this.parallelLaunches = parallelLaunches;
    this.maxBrowsers = maxBrowsers;
    this.pageLoadTimeout = pageLoadTimeout;
    this.evidenceDir = evidenceDir;
    this.pages = pages;
    this.baselineUpdate = baselineUpdate;
    this.failOnPageErrors = failOnPageErrors;
    this.drivers = drivers;
  }

  /** {@return every default; nothing read} Browsers and drivers are searched for. */
  public static CallflowConfig defaults() {
    return from(Settings.of(Map.of()));
  }

  /**
   * {@return system properties, then environment variables, over the defaults}
   *
   * @throws ConfigurationException naming the first setting that cannot be used, or a {@code callflow.*}
   *     property or {@code CALLFLOW_*} variable that is no setting
   */
  public static CallflowConfig fromEnvironment() {
    return read(key -> Optional.empty());
  }

  /**
   * The configuration parameters of a test platform ({@code parameters}, e.g. JUnit's, which include
   * {@code junit-platform.properties}), then system properties, then environment variables, over the
   * defaults. Unknown keys among the parameters cannot be listed and are not detected.
   *
   * @param parameters looks a key up, e.g. JUnit's {@code ExtensionContext::getConfigurationParameter}
   * @return the configuration
   *
   * @throws ConfigurationException naming the first setting that cannot be used, or a {@code callflow.*}
   *     property or {@code CALLFLOW_*} variable that is no setting
   */
  public static CallflowConfig read(Function<String, Optional<String>> parameters) {
    return read(parameters, Environment.systemProperties(), Environment.variables());
  }

  /** {@link #read(Function)} over these system properties and environment variables. */
  static CallflowConfig read(Function<String, Optional<String>> parameters, Map<String, String> properties,
      Map<String, String> variables) {
    rejectUnknown(properties, variables);
    // JUnit's parameters include the system properties; a value that is one is named as one.
    Settings given = new Settings(key -> parameters.apply(key).filter(v -> !v.equals(properties.get(key))).orElse(null),
        "configuration parameter %s")
        .then(new Settings(properties::get, "-D%s"))
        .then(new Settings(key -> variables.get(variableFor(key)), key -> "environment variable " + variableFor(key)));
    return from(given);
  }

  private static String variableFor(String key) {
    return key.replaceAll("([a-z])([A-Z])", "$1_$2").replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static void rejectUnknown(Map<String, String> properties, Map<String, String> variables) {
    properties.forEach((name, value) -> {
      if (name.startsWith(PREFIX) && Key.byKey(name).isEmpty()) {
        throw new ConfigurationException("-D" + name, value, "not a Callflow setting (known: " + known(Key::key) + ")");
      }
    });
    variables.forEach((name, value) -> {
      if (name.startsWith(VARIABLE_PREFIX) && Key.byVariable(name).isEmpty()) {
        throw new ConfigurationException("environment variable " + name, value, "not a Callflow setting (known: "
            + known(Key::variable) + ")");
      }
    });
  }

  /** Every setting, named as {@code name} names it. */
  private static String known(Function<Key, String> name) {
    return String.join(", ", java.util.Arrays.stream(Key.values()).map(name).toList());
  }

  /** Parses every setting now, so that a wrong one fails before anything starts. */
  private static CallflowConfig from(Settings given) {
    int cores = Math.max(2, Runtime.getRuntime().availableProcessors());
    for (Key path : new Key[] {Key.CHROME_BINARY, Key.FIREFOX_BINARY, Key.CHROME_DRIVER, Key.GECKO_DRIVER}) {
      given.executable(path.key());
    }
    given.flag(Key.WEBDRIVERMANAGER.key(), true);
    given.flag(Key.NAMESPACES.key(), true);
    grid(given);
    advertisedHost(given);
    return new CallflowConfig(
        given.flag(Key.HEADED.key(), false),
        given.positive(Key.PARALLEL_LAUNCHES.key(), cores),
        given.positive(Key.MAX_BROWSERS.key(), machineBrowsers()),
        Duration.ofSeconds(given.positive(Key.PAGE_LOAD_TIMEOUT.key(), 30)),
        given.writableDirectory(Key.EVIDENCE_DIR.key()).orElse(Path.of("target/callflow")),
        given.directory(Key.PAGES.key()).orElse(null),
        given.flag(Key.BASELINE_UPDATE.key(), false),
        given.flag(Key.FAIL_ON_PAGE_ERRORS.key(), false),
        given);
  }

  /** {@return how many browsers tests may use at once by default: twice the cores (a browser in a call with video keeps about half a core busy), at least 2} */
  static int machineBrowsers() {
    return Math.max(2, 2 * Runtime.getRuntime().availableProcessors());
  }

  /** An absolute http(s) URL, if given. */
  private static URL grid(Settings given) {
    String key = Key.GRID.key();
    String value = given.text(key).map(String::strip).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      URI uri = new URI(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw given.invalid(key, value, "not a Selenium Grid's address (expected http://host:port, e.g. http://grid:4444)");
      }
      return uri.toURL();
    } catch (URISyntaxException | MalformedURLException e) {
      throw given.invalid(key, value, "not a URL (" + e.getMessage() + "); expected http://host:port, e.g. http://grid:4444");
    }
  }

  /** A host name or address without a port, if given. */
  private static String advertisedHost(Settings given) {
    String key = Key.ADVERTISED_HOST.key();
    String value = given.text(key).map(String::strip).orElse(null);
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      CallflowServer.builder().withAdvertisedHost(value); // checks it as the server will
      return value;
    } catch (IllegalArgumentException e) {
      throw given.invalid(key, value, e.getMessage());
    }
  }

  /**
   * {@return this configuration with every peer's browser on this Selenium Grid, unless its spec names another}
   *
   * @param grid the Grid's address, e.g. {@code http://grid:4444}; null for browsers on this machine
   */
  public CallflowConfig withGrid(URL grid) {
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, evidenceDir, pages, baselineUpdate, failOnPageErrors,
        drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration with Callflow's server reached by this name from the Grid's browsers}
   *
   * @param host a host name or address without a port, as the Grid's nodes reach this machine; null for none
   * @throws IllegalArgumentException if {@code host} is no host name or address, or a wildcard such as {@code 0.0.0.0}
   */
  public CallflowConfig withAdvertisedHost(String host) {
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, evidenceDir, pages, baselineUpdate, failOnPageErrors,
        drivers, grid, host == null ? null : checked(host));
  }

  private static String checked(String host) {
    CallflowServer.builder().withAdvertisedHost(host);
    return host;
  }

  /** {@return the Selenium Grid that peers' browsers run on unless their spec names another; empty for this machine} */
  public Optional<URL> grid() {
    return Optional.ofNullable(grid);
  }

  /** {@return the name by which the Grid's browsers reach Callflow's server; empty when the server stays on 127.0.0.1} */
  public Optional<String> advertisedHost() {
    return Optional.ofNullable(advertisedHost);
  }

  /**
   * {@return this configuration with browsers shown or not}
   *
   * @param headed true for a window on screen (needs a display), false for headless
   */
  public CallflowConfig withHeaded(boolean headed) {
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, evidenceDir, pages, baselineUpdate, failOnPageErrors, drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration with at most this many browsers starting at once}
   *
   * @param launches the most browsers that start at once
   * @throws IllegalArgumentException if {@code launches} is below 1
   */
  public CallflowConfig withParallelLaunches(int launches) {
    if (launches < 1) {
      throw new IllegalArgumentException("At least one browser must be able to start, not " + launches);
    }
    return new CallflowConfig(headed, launches, maxBrowsers, pageLoadTimeout, evidenceDir, pages, baselineUpdate, failOnPageErrors, drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration with at most this many browsers in use at once} Tests in parallel that would need
   * more wait until others release theirs.
   *
   * @param browsers the most browsers in use by tests at once
   * @throws IllegalArgumentException if {@code browsers} is below 1
   */
  public CallflowConfig withMaxBrowsers(int browsers) {
    if (browsers < 1) {
      throw new IllegalArgumentException("At least one browser must be able to run, not " + browsers);
    }
    return new CallflowConfig(headed, parallelLaunches, browsers, pageLoadTimeout, evidenceDir, pages, baselineUpdate, failOnPageErrors,
        drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration with this page-load timeout}
   *
   * @param timeout how long {@code Peer.open(path)} waits for a page's load event
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public CallflowConfig withPageLoadTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The page-load timeout must be positive, not " + timeout);
    }
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, timeout, evidenceDir, pages, baselineUpdate, failOnPageErrors, drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration with this evidence folder}
   *
   * @param folder where a failed test's evidence goes, created when needed
   */
  public CallflowConfig withEvidenceDir(Path folder) {
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, Objects.requireNonNull(folder), pages, baselineUpdate, failOnPageErrors, drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration that also serves this folder of pages} Its files win over Callflow's own on equal
   * paths.
   *
   * @param folder the user's pages
   */
  public CallflowConfig withPages(Path folder) {
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, evidenceDir, Objects.requireNonNull(folder), baselineUpdate, failOnPageErrors, drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration with baselines rewritten or compared}
   *
   * @param update true if {@code matchesBaseline} rewrites baselines instead of comparing with them
   */
  public CallflowConfig withBaselineUpdate(boolean update) {
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, evidenceDir, pages, update, failOnPageErrors, drivers, grid, advertisedHost);
  }

  /**
   * {@return this configuration with JUnit tests failing, or not, when their pages had errors}
   *
   * @param fail true if a test whose pages had an error fails after its body
   */
  public CallflowConfig withFailOnPageErrors(boolean fail) {
    return new CallflowConfig(headed, parallelLaunches, maxBrowsers, pageLoadTimeout, evidenceDir, pages, baselineUpdate, fail, drivers, grid, advertisedHost);
  }

  /** {@return whether browsers show a window instead of running headless} */
  public boolean headed() {
    return headed;
  }

  /** {@return the most browsers that start at once} */
  public int parallelLaunches() {
    return parallelLaunches;
  }

  /** {@return the most browsers in use by tests at once} */
  public int maxBrowsers() {
    return maxBrowsers;
  }

  /** {@return how long opening a page waits for its load event} */
  public Duration pageLoadTimeout() {
    return pageLoadTimeout;
  }

  /** {@return where a failed test's evidence goes} */
  public Path evidenceDir() {
    return evidenceDir;
  }

  /** {@return the folder of the user's pages served next to Callflow's own; empty when there is none} */
  public Optional<Path> pages() {
    return Optional.ofNullable(pages);
  }

  /** {@return whether {@code matchesBaseline} rewrites baselines instead of comparing with them} */
  public boolean baselineUpdate() {
    return baselineUpdate;
  }

  /** {@return whether a JUnit test whose pages had errors fails after its body} */
  public boolean failOnPageErrors() {
    return failOnPageErrors;
  }

  /** {@return the settings that say where browsers and drivers are, for discovery} */
  @API(status = API.Status.INTERNAL)
  public Settings drivers() {
    return drivers;
  }

  @Override
  public String toString() {
    return "CallflowConfig[headed=" + headed + ", parallelLaunches=" + parallelLaunches + ", maxBrowsers=" + maxBrowsers
        + ", pageLoadTimeout=" + pageLoadTimeout
        + ", evidenceDir=" + evidenceDir + ", pages=" + pages + ", baselineUpdate=" + baselineUpdate
        + ", failOnPageErrors=" + failOnPageErrors + (grid == null ? "" : ", grid=" + grid)
        + (advertisedHost == null ? "" : ", advertisedHost=" + advertisedHost) + "]";
  }
}
