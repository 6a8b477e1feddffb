package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.browser.BrowserType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.failure.ConfigurationException;
import dev.callflow.internal.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Discovery on its own, over temporary folders and fixed settings: no browser starts. */
class DriverDiscoveryTest {
  private static final Settings NO_WEBDRIVERMANAGER = Settings.of(Map.of("callflow.webdrivermanager", "false"));

  private static Path executable(Path dir, String name) throws Exception {
    return Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** A folder with a complete Chrome and Firefox install. */
  private static Path installed(Path dir) throws Exception {
    for (String name : List.of("chromium", "chromedriver", "firefox", "geckodriver")) {
      executable(dir, name);
    }
    return dir;
  }

  private static DriverDiscovery discovery(Path dir, String... settings) {
    Map<String, String> values = new java.util.HashMap<>(Map.of("callflow.webdrivermanager", "false"));
    for (int i = 0; i < settings.length; i += 2) {
      values.put(settings[i], settings[i + 1]);
    }
    return new DriverDiscovery(List.of(dir), Settings.of(values));
  }

  @Test
  void missingDriverNamesEveryAttemptAndSetup(@TempDir Path empty) {
    DriverDiscovery discovery = new DriverDiscovery(List.of(empty), NO_WEBDRIVERMANAGER);

    assertThatThrownBy(() -> discovery.discover(BrowserType.FIREFOX))
        .isInstanceOf(BrowserLaunchException.class)
        .hasMessageStartingWith("Cannot launch firefox: no browser binary and no driver found; run ci/setup.sh (as root) to install "
            + "firefox-esr and geckodriver, or name them with -Dcallflow.firefox.binary and -Dwebdriver.gecko.driver.\nTried:")
        .hasMessageContaining("-Dcallflow.firefox.binary not set")
        .hasMessageContaining("none of [firefox-esr, firefox] in [" + empty + "]")
        .hasMessageContaining("none of [geckodriver] in [" + empty + "]")
        .hasMessageContaining("driver: GECKOWEBDRIVER not set")
        .hasMessageContaining("WebDriverManager switched off");
  }

  @Test
  void aDriverIsFoundInTheFolderARunnerVariableNames(@TempDir Path dir, @TempDir Path chromeDriverFolder,
      @TempDir Path geckoDriverFolder) throws Exception {
    // As on GitHub's Ubuntu runners: CHROMEWEBDRIVER=/usr/local/share/chromedriver-linux64, GECKOWEBDRIVER=/usr/local/share/gecko_driver.
    executable(dir, "google-chrome");
    executable(dir, "firefox");
    executable(chromeDriverFolder, "chromedriver");
    executable(geckoDriverFolder, "geckodriver");
    Map<String, String> variables = Map.of("CHROMEWEBDRIVER", chromeDriverFolder.toString(), "GECKOWEBDRIVER", geckoDriverFolder.toString());

    DriverDiscovery.Found chrome = new DriverDiscovery(List.of(dir), name -> Optional.ofNullable(variables.get(name)),
        NO_WEBDRIVERMANAGER).discover(BrowserType.CHROME);
    DriverDiscovery.Found firefox = new DriverDiscovery(List.of(dir), name -> Optional.ofNullable(variables.get(name)),
        NO_WEBDRIVERMANAGER).discover(BrowserType.FIREFOX);

    assertThat(chrome.browser()).isEqualTo(dir.resolve("google-chrome"));
    assertThat(chrome.driver()).isEqualTo(chromeDriverFolder.resolve("chromedriver"));
    assertThat(chrome.driverOrigin()).isEqualTo("found in " + chromeDriverFolder + " (CHROMEWEBDRIVER)");
    assertThat(firefox.driver()).isEqualTo(geckoDriverFolder.resolve("geckodriver"));
    assertThat(firefox.driverOrigin()).isEqualTo("found in " + geckoDriverFolder + " (GECKOWEBDRIVER)");
  }

  @Test
  void theSearchedFoldersComeBeforeTheRunnerVariable(@TempDir Path dir, @TempDir Path driverFolder) throws Exception {
    executable(driverFolder, "geckodriver");

    DriverDiscovery.Found found = new DriverDiscovery(List.of(installed(dir)),
        name -> Optional.of(driverFolder.toString()), NO_WEBDRIVERMANAGER).discover(BrowserType.FIREFOX);

    assertThat(found.driver()).isEqualTo(dir.resolve("geckodriver"));
  }

  @Test
  void aRunnerVariableFolderWithoutTheDriverIsListedAmongTheAttempts(@TempDir Path dir, @TempDir Path driverFolder) throws Exception {
    executable(dir, "chromium");
    Files.createFile(driverFolder.resolve("chromedriver")); // there, but not executable
    DriverDiscovery discovery = new DriverDiscovery(List.of(dir),
        name -> name.equals("CHROMEWEBDRIVER") ? Optional.of(driverFolder.toString()) : Optional.empty(),
        NO_WEBDRIVERMANAGER);

    assertThatThrownBy(() -> discovery.discover(BrowserType.CHROME))
        .isInstanceOf(BrowserLaunchException.class)
        .hasMessageStartingWith("Cannot launch chrome: no driver found;")
        .hasMessageContaining("\n  driver: none of [chromedriver] in [" + dir + "]\n  driver: no chromedriver in " + driverFolder
            + " (CHROMEWEBDRIVER)\n  driver: WebDriverManager switched off");
  }

  @Test
  void findsDriversInTheGivenDirectories(@TempDir Path dir) throws Exception {
    DriverDiscovery.Found found = discovery(installed(dir)).discover(BrowserType.CHROME);

    assertThat(found.browser()).isEqualTo(dir.resolve("chromium"));
    assertThat(found.driver()).isEqualTo(dir.resolve("chromedriver"));
    assertThat(found.describe()).isEqualTo("browser " + dir.resolve("chromium") + " (found in " + dir + "), driver "
        + dir.resolve("chromedriver") + " (found in " + dir + ")");
  }

  @Test
  void anExplicitPathIsUsedAsGiven(@TempDir Path dir, @TempDir Path elsewhere) throws Exception {
    Path firefox = executable(elsewhere, "my-firefox");

    DriverDiscovery.Found found = discovery(installed(dir), "callflow.firefox.binary", firefox.toString()).discover(BrowserType.FIREFOX);

    assertThat(found.browser()).isEqualTo(firefox);
    assertThat(found.browserOrigin()).isEqualTo("-Dcallflow.firefox.binary");
    assertThat(found.driver()).isEqualTo(dir.resolve("geckodriver"));
  }

  @Test
  void anExplicitPathThatDoesNotExistIsAnErrorEvenWhenTheBrowserIsInstalled(@TempDir Path dir) throws Exception {
    installed(dir);

    assertThatThrownBy(() -> discovery(dir, "callflow.firefox.binary", "/nonexistent").discover(BrowserType.FIREFOX))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid -Dcallflow.firefox.binary=/nonexistent: no such file");
    assertThatThrownBy(() -> discovery(dir, "callflow.chrome.binary", "/nonexistent").discover(BrowserType.CHROME))
        .hasMessage("Invalid -Dcallflow.chrome.binary=/nonexistent: no such file");
    assertThatThrownBy(() -> discovery(dir, "webdriver.gecko.driver", "/nonexistent").discover(BrowserType.FIREFOX))
        .hasMessage("Invalid -Dwebdriver.gecko.driver=/nonexistent: no such file");
    assertThatThrownBy(() -> discovery(dir, "webdriver.chrome.driver", "/nonexistent").discover(BrowserType.CHROME))
        .hasMessage("Invalid -Dwebdriver.chrome.driver=/nonexistent: no such file");
  }

  @Test
  void anExplicitPathMustBeAnExecutableFile(@TempDir Path dir) throws Exception {
    Path notExecutable = Files.createFile(dir.resolve("geckodriver.txt"));
    installed(dir);

    assertThatThrownBy(() -> discovery(dir, "webdriver.gecko.driver", notExecutable.toString()).discover(BrowserType.FIREFOX))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid -Dwebdriver.gecko.driver=" + notExecutable + ": not executable (no execute permission)");
    assertThatThrownBy(() -> discovery(dir, "callflow.chrome.binary", dir.toString()).discover(BrowserType.CHROME))
        .hasMessage("Invalid -Dcallflow.chrome.binary=" + dir + ": a directory, not an executable file");
  }

  @Test
  void aWrongExplicitPathIsReportedBeforeAMissingInstall(@TempDir Path empty) {
    assertThatThrownBy(() -> discovery(empty, "webdriver.chrome.driver", "").discover(BrowserType.CHROME))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid -Dwebdriver.chrome.driver=\"\": empty path");
  }

  @Test
  void theWebDriverManagerSwitchMustParse(@TempDir Path dir) throws Exception {
    installed(dir);

    assertThatThrownBy(() -> discovery(dir, "callflow.webdrivermanager", "off").discover(BrowserType.CHROME))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid -Dcallflow.webdrivermanager=off: expected true or false");
  }
}
