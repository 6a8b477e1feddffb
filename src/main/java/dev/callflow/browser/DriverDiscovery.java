package dev.callflow.browser;

import io.github.bonigarcia.wdm.WebDriverManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a browser and its driver: an explicit path first, then what is installed (PATH, /usr/bin,
 * /usr/local/bin, ~/.cargo/bin), then WebDriverManager where the network allows. Every attempt is
 * remembered so that a failure can say what was tried and why it did not work.
 */
final class DriverDiscovery {
  /** A browser binary and the driver that drives it. */
  record Found(Path browser, Path driver) {}

  private final List<String> attempts = new ArrayList<>();
  private final List<Path> directories;
  private final boolean webDriverManager;

  DriverDiscovery(List<Path> directories, boolean webDriverManager) {
    this.directories = List.copyOf(directories);
    this.webDriverManager = webDriverManager;
  }

  /** Searches PATH, /usr/bin, /usr/local/bin and ~/.cargo/bin; WebDriverManager unless {@code -Dcallflow.webdrivermanager=false}. */
  static Found find(BrowserType type) {
    List<Path> dirs = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    dirs.add(Path.of("/usr/bin"));
    dirs.add(Path.of("/usr/local/bin"));
    dirs.add(Path.of(System.getProperty("user.home"), ".cargo", "bin"));
    return new DriverDiscovery(dirs, !"false".equals(System.getProperty("callflow.webdrivermanager"))).discover(type);
  }

  Found discover(BrowserType type) {
    Optional<Path> browser = type == BrowserType.CHROME
        ? firstOf("browser", "callflow.chrome.binary", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
        : firstOf("browser", "callflow.firefox.binary", "firefox-esr", "firefox");
    Optional<Path> driver = type == BrowserType.CHROME
        ? firstOf("driver", "webdriver.chrome.driver", "chromedriver")
        : firstOf("driver", "webdriver.gecko.driver", "geckodriver");
    if (driver.isEmpty() && webDriverManager) {
      driver = fromWebDriverManager(type);
    } else if (driver.isEmpty()) {
      attempts.add("driver: WebDriverManager switched off (-Dcallflow.webdrivermanager=false)");
    }
    if (browser.isPresent() && driver.isPresent()) {
      return new Found(browser.get(), driver.get());
    }
    throw new BrowserLaunchException("Cannot launch " + type.id() + ": "
        + (browser.isEmpty() ? "no browser binary" : "no driver") + " found. Run ci/setup.sh (as root) to install "
        + (type == BrowserType.CHROME ? "chromium and chromium-driver" : "firefox-esr and geckodriver")
        + ", or set the system property named below.\nTried:\n  " + String.join("\n  ", attempts), null);
  }

  private Optional<Path> firstOf(String what, String property, String... names) {
    String explicit = System.getProperty(property);
    if (explicit != null) {
      Path p = Path.of(explicit);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
      attempts.add(what + ": -D" + property + "=" + explicit + " is not an executable file");
    } else {
      attempts.add(what + ": system property " + property + " not set");
    }
    for (String name : names) {
      for (Path dir : directories) {
        Path candidate = dir.resolve(name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    attempts.add(what + ": none of " + List.of(names) + " in " + directories);
    return Optional.empty();
  }

  private Optional<Path> fromWebDriverManager(BrowserType type) {
    try {
      WebDriverManager manager = type == BrowserType.CHROME ? WebDriverManager.chromedriver() : WebDriverManager.firefoxdriver();
      manager.setup();
      String path = manager.getDownloadedDriverPath();
      if (path != null && Files.isExecutable(Path.of(path))) {
        return Optional.of(Path.of(path));
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
