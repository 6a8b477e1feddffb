package dev.callflow.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverDiscoveryTest {
  @Test
  void missingDriverNamesEveryAttemptAndSetup(@TempDir Path empty) {
    DriverDiscovery discovery = new DriverDiscovery(List.of(empty), false);

    assertThatThrownBy(() -> discovery.discover(BrowserType.FIREFOX))
        .isInstanceOf(BrowserLaunchException.class)
        .hasMessageContaining("Cannot launch firefox")
        .hasMessageContaining("ci/setup.sh")
        .hasMessageContaining("none of [firefox-esr, firefox] in [" + empty + "]")
        .hasMessageContaining("none of [geckodriver] in [" + empty + "]")
        .hasMessageContaining("WebDriverManager switched off");
  }

  @Test
  void findsDriversInTheGivenDirectories(@TempDir Path dir) throws Exception {
    for (String name : List.of("chromium", "chromedriver")) {
      Files.createFile(dir.resolve(name), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    DriverDiscovery.Found found = new DriverDiscovery(List.of(dir), false).discover(BrowserType.CHROME);

    assertThat(found.browser()).isEqualTo(dir.resolve("chromium"));
    assertThat(found.driver()).isEqualTo(dir.resolve("chromedriver"));
  }
}
