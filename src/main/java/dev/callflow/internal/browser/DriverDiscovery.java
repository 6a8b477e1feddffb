package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.Environment;
import dev.callflow.internal.Settings;
import io.github.bonigarcia.wdm.WebDriverManager;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a browser and its driver: an explicit path first, then what is installed (PATH, /usr/bin,
 * /usr/local/bin, ~/.cargo/bin), then, for a driver, the folder that {@code CHROMEWEBDRIVER} or
 * {@code GECKOWEBDRIVER} names (as GitHub's hosted Ubuntu runners set them), then WebDriverManager where
 * the network allows. An explicit path
 * is used as given: if it is not an executable file, that is a
 * {@link dev.callflow.failure.ConfigurationException}, never a reason to look elsewhere. Every search is
 * remembered so that a failure can say what was tried and why it did not work.
 */
final class DriverDiscovery {
  static final String WEBDRIVERMANAGER = "callflow.webdrivermanager";

  /** A browser binary and the driver that drives it, each with where it came from; the settings that named either. */
  record Found(Path browser, String browserOrigin, Path driver, String driverOrigin, List<String> explicitSettings) {
    /** E.g. {@code browser /usr/bin/firefox-esr (found in /usr/bin), driver /x/geckodriver (-Dwebdriver.gecko.driver)}. */
    String describe() {
      return "browser " + browser + " (" + browserOrigin + "), driver " + driver + " (" + driverOrigin + ")";
    }

  }

  /** A file and where it came from; {@code explicit} if a setting named it. */
  private record Located(Path path, String origin, boolean explicit) {}

  /**
   * The system properties, the installed names of one browser type, and the environment variable naming a folder
   * that holds its driver.
   */
  private record Names(String browserKey, List<String> browsers, String driverKey, String driver, String driverVariable,
      String packages) {
    static Names of(BrowserType type) {
      return type == BrowserType.CHROME
          ? new Names("callflow.chrome.binary", List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"),
              "webdriver.chrome.driver", "chromedriver", "CHROMEWEBDRIVER", "chromium and chromium-driver")
          : new Names("callflow.firefox.binary", List.of("firefox-esr", "firefox"),
              "webdriver.gecko.driver", "geckodriver", "GECKOWEBDRIVER", "firefox-esr and geckodriver");
    }
  }

  private final List<String> attempts = new ArrayList<>();
  private final List<Path> directories;
  private final Function<String, Optional<String>> variables;
  private final Settings settings;

  /** Discovery over {@code directories} alone: no environment variable is set. */
  DriverDiscovery(List<Path> directories, Settings settings) {
    this(directories, name -> Optional.empty(), settings);
  }

  /** @param variables the value of an environment variable, if set ({@link Environment#variable} outside tests) */
  DriverDiscovery(List<Path> directories, Function<String, Optional<String>> variables, Settings settings) {
    this.directories = List.copyOf(directories);
    this.variables = variables;
    this.settings = settings;
  }

  /**
   * Uses the paths {@code settings} give, else searches PATH, /usr/bin, /usr/local/bin and ~/.cargo/bin,
   * then for a driver the folder in {@code CHROMEWEBDRIVER} or {@code GECKOWEBDRIVER}, then WebDriverManager
   * unless {@code callflow.webdrivermanager} is false.
   */
  static Found find(BrowserType type, Settings settings) {
    List<Path> dirs = new ArrayList<>(Environment.searchPath());
    dirs.add(Path.of("/usr/bin"));
    dirs.add(Path.of("/usr/local/bin"));
    dirs.add(Environment.home().resolve(".cargo").resolve("bin"));
    return new DriverDiscovery(dirs, Environment::variable, settings).discover(type);
  }

  Found discover(BrowserType type) {
    Names names = Names.of(type);
    // Every explicit setting is checked before any search, so a wrong one is never hidden by another failure.
    Optional<Located> browser = explicit(names.browserKey());
    Optional<Located> driver = explicit(names.driverKey());
    boolean webDriverManager = settings.flag(WEBDRIVERMANAGER, true);
    if (browser.isEmpty()) {
      browser = search("browser", names.browserKey(), names.browsers());
    }
    if (driver.isEmpty()) {
      driver = search("driver", names.driverKey(), List.of(names.driver()));
    }
    if (driver.isEmpty()) {
      driver = inVariableFolder(names.driverVariable(), names.driver());
    }
    if (driver.isEmpty() && webDriverManager) {
      driver = fromWebDriverManager(type);
    } else if (driver.isEmpty()) {
      attempts.add("driver: WebDriverManager switched off (-D" + WEBDRIVERMANAGER + "=false)");
    }
    if (browser.isPresent() && driver.isPresent()) {
      List<String> explicit = java.util.stream.Stream.of(browser.get(), driver.get()).filter(Located::explicit).map(Located::origin).toList();
      return new Found(browser.get().path(), browser.get().origin(), driver.get().path(), driver.get().origin(), explicit);
    }
    String missing = browser.isEmpty() && driver.isEmpty() ? "no browser binary and no driver"
        : browser.isEmpty() ? "no browser binary" : "no driver";
    String keys = (browser.isEmpty() ? "-D" + names.browserKey() : "")
        + (browser.isEmpty() && driver.isEmpty() ? " and " : "") + (driver.isEmpty() ? "-D" + names.driverKey() : "");
    throw new BrowserLaunchException("Cannot launch " + type.id() + ": " + missing + " found; run ci/setup.sh (as root) to install "
        + names.packages() + ", or name " + (browser.isEmpty() && driver.isEmpty() ? "them" : "it") + " with " + keys
        + ".\nTried:\n  " + String.join("\n  ", attempts), null);
  }

  private Optional<Located> explicit(String key) {
    return settings.executable(key).map(p -> new Located(p, settings.name(key), true));
  }

  private Optional<Located> search(String what, String key, List<String> names) {
    attempts.add(what + ": -D" + key + " not set");
    for (String name : names) {
      for (Path dir : directories) {
        Path candidate = dir.resolve(name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(new Located(candidate, "found in " + dir, false));
        }
      }
    }
    attempts.add(what + ": none of " + names + " in " + directories);
    return Optional.empty();
  }

  /** {@code name} in the folder that the environment variable {@code variable} names, if it is set. */
  private Optional<Located> inVariableFolder(String variable, String name) {
    Optional<String> value = variables.apply(variable);
    if (value.isEmpty()) {
      attempts.add("driver: " + variable + " not set");
      return Optional.empty();
    }
    Path dir;
    try {
      dir = Path.of(value.get());
    } catch (InvalidPathException e) {
      attempts.add("driver: " + variable + "=" + value.get() + " is not a path");
      return Optional.empty();
    }
    Path candidate = dir.resolve(name);
    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
      return Optional.of(new Located(candidate, "found in " + dir + " (" + variable + ")", false));
    }
    attempts.add("driver: no " + name + " in " + dir + " (" + variable + ")");
    return Optional.empty();
  }

  private Optional<Located> fromWebDriverManager(BrowserType type) {
    try {
      WebDriverManager manager = type == BrowserType.CHROME ? WebDriverManager.chromedriver() : WebDriverManager.firefoxdriver();
      manager.setup();
      String path = manager.getDownloadedDriverPath();
      if (path != null && Files.isExecutable(Path.of(path))) {
        return Optional.of(new Located(Path.of(path), "from WebDriverManager", false));
      }
      attempts.add("driver: WebDriverManager gave no executable driver");
    } catch (RuntimeException e) {
      attempts.add("driver: WebDriverManager failed: " + firstLine(e.getMessage()));
    }
    return Optional.empty();
  }

  private static String firstLine(String s) {
    return s == null ? "(no message)" : s.lines().findFirst().orElse(s);
  }
}
