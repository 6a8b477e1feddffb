package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.Environment;
import dev.callflow.internal.Settings;
import io.github.bonigarcia.wdm.WebDriverManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a browser and its driver: an explicit path first, then what is installed (PATH, /usr/bin,
 * /usr/local/bin, ~/.cargo/bin), then WebDriverManager where the network allows. An explicit path
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

  /** The system properties and the installed names of one browser type. */
  private record Names(String browserKey, List<String> browsers, String driverKey, String driver, String packages) {
    static Names of(BrowserType type) {
      return type == BrowserType.CHROME
          ? new Names("callflow.chrome.binary", List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"),
              "webdriver.chrome.driver", "chromedriver", "chromium and chromium-driver")
          : new Names("callflow.firefox.binary", List.of("firefox-esr", "firefox"),
              "webdriver.gecko.driver", "geckodriver", "firefox-esr and geckodriver");
    }
  }

  private final List<String> attempts = new ArrayList<>();
  private final List<Path> directories;
  private final Settings settings;

  DriverDiscovery(List<Path> directories, Settings settings) {
    this.directories = List.copyOf(directories);
    this.settings = settings;
  }

  /**
   * Uses the paths {@code settings} give, else searches PATH, /usr/bin, /usr/local/bin and ~/.cargo/bin,
   * then WebDriverManager unless {@code callflow.webdrivermanager} is false.
   */
  static Found find(BrowserType type, Settings settings) {
    List<Path> dirs = new ArrayList<>(Environment.searchPath());
    dirs.add(Path.of("/usr/bin"));
    dirs.add(Path.of("/usr/local/bin"));
    dirs.add(Environment.home().resolve(".cargo").resolve("bin"));
    return new DriverDiscovery(dirs, settings).discover(type);
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
