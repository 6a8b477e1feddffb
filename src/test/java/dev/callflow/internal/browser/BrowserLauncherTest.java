package dev.callflow.internal.browser;

import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.internal.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Launch failures caused by explicit settings; the "driver" here exits at once, so no browser starts. */
class BrowserLauncherTest {
  private static Path script(Path dir, String name, String body) throws Exception {
    Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  @Test
  void explicitFilesThatDoNotStartAreNamedWithTheirSettings(@TempDir Path dir) throws Exception {
    Path browser = script(dir, "not-a-browser", "exit 0");
    Path driver = script(dir, "not-a-driver", "exit 3");
    Settings settings = Settings.of(Map.of("callflow.chrome.binary", browser.toString(), "webdriver.chrome.driver", driver.toString()));

    assertThatThrownBy(() -> BrowserLauncher.launch(BrowserSpec.of(BrowserType.CHROME), settings, Duration.ofSeconds(30)))
        .isInstanceOf(BrowserLaunchException.class)
        .hasMessageStartingWith("Cannot start chrome with browser " + browser + " (-Dcallflow.chrome.binary), driver " + driver
            + " (-Dwebdriver.chrome.driver): Driver server process died prematurely, exit value: 3\n")
        .hasMessageEndingWith("Check -Dcallflow.chrome.binary and -Dwebdriver.chrome.driver "
            + "(an explicit path is used as given, never replaced by another).");
  }
}
