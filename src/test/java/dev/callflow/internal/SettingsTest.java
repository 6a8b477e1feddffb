package dev.callflow.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.failure.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
  private static final String KEY = "callflow.test";

  private static Settings given(String value) {
    return Settings.of(Map.of(KEY, value));
  }

  @Test
  void absentSettingsGetTheirDefaults() {
    Settings none = Settings.of(Map.of());

    assertThat(none.flag(KEY, true)).isTrue();
    assertThat(none.positive(KEY, 3)).isEqualTo(3);
    assertThat(none.executable(KEY)).isEmpty();
    assertThat(none.directory(KEY)).isEmpty();
    assertThat(none.writableDirectory(KEY)).isEmpty();
  }

  @Test
  void flagsAreTrueOrFalseAndNothingElse() {
    assertThat(given("TRUE").flag(KEY, false)).isTrue();
    assertThat(given("false").flag(KEY, true)).isFalse();
    assertThatThrownBy(() -> given("yes").flag(KEY, false))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid -Dcallflow.test=yes: expected true or false");
    assertThatThrownBy(() -> given("").flag(KEY, false))
        .hasMessage("Invalid -Dcallflow.test=\"\": expected true or false");
  }

  @Test
  void numbersMustParseAndBePositive() {
    assertThat(given(" 4 ").positive(KEY, 1)).isEqualTo(4);
    assertThatThrownBy(() -> given("four").positive(KEY, 1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid -Dcallflow.test=four: not a whole number (expected 1 or more)");
    assertThatThrownBy(() -> given("0").positive(KEY, 1)).hasMessage("Invalid -Dcallflow.test=0: expected 1 or more");
  }

  @Test
  void anExecutableMustExistBeAFileAndBeExecutable(@TempDir Path dir) throws Exception {
    Path plain = Files.createFile(dir.resolve("plain"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    Path program = Files.createFile(dir.resolve("program"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));

    assertThat(given(program.toString()).executable(KEY)).contains(program);
    assertThatThrownBy(() -> given("/nonexistent").executable(KEY))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid -Dcallflow.test=/nonexistent: no such file");
    assertThatThrownBy(() -> given(plain.toString()).executable(KEY))
        .hasMessage("Invalid -Dcallflow.test=" + plain + ": not executable (no execute permission)");
    assertThatThrownBy(() -> given(dir.toString()).executable(KEY))
        .hasMessage("Invalid -Dcallflow.test=" + dir + ": a directory, not an executable file");
    assertThatThrownBy(() -> given(" ").executable(KEY)).hasMessage("Invalid -Dcallflow.test=\" \": empty path");
    assertThatThrownBy(() -> given("no/such/program").executable(KEY))
        .hasMessage("Invalid -Dcallflow.test=no/such/program: no such file (at " + Path.of("no/such/program").toAbsolutePath() + ")");
  }

  @Test
  void foldersMustBeUsable(@TempDir Path dir) throws Exception {
    Path file = Files.createFile(dir.resolve("file"));
    Path created = dir.resolve("new/out");

    assertThat(given(dir.toString()).directory(KEY)).contains(dir);
    assertThat(given(created.toString()).writableDirectory(KEY)).contains(created);
    assertThat(created).isEmptyDirectory();
    assertThatThrownBy(() -> given(dir.resolve("missing").toString()).directory(KEY))
        .hasMessage("Invalid -Dcallflow.test=" + dir.resolve("missing") + ": no such folder");
    assertThatThrownBy(() -> given(file.toString()).directory(KEY))
        .hasMessage("Invalid -Dcallflow.test=" + file + ": a file, not a folder");
    assertThatThrownBy(() -> given(file.toString()).writableDirectory(KEY))
        .hasMessage("Invalid -Dcallflow.test=" + file + ": a file, not a folder");
    assertThatThrownBy(() -> given(file.resolve("sub").toString()).writableDirectory(KEY))
        .hasMessageStartingWith("Invalid -Dcallflow.test=" + file.resolve("sub") + ": cannot create the folder: ");
  }

  @Test
  void messagesNameTheSettingAsTheUserWroteIt() {
    Settings parameters = new Settings(Map.of(KEY, "maybe")::get, "configuration parameter %s");

    assertThatThrownBy(() -> parameters.flag(KEY, false))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> {
          assertThat(e.setting()).isEqualTo("configuration parameter callflow.test");
          assertThat(e.value()).isEqualTo("maybe");
        })
        .hasMessage("Invalid configuration parameter callflow.test=maybe: expected true or false");
  }

  @Test
  void theFirstSourceThatGivesAKeyWinsAndNamesIt() {
    Settings layered = new Settings(Map.of("callflow.a", "1")::get, "configuration parameter %s")
        .then(Settings.of(Map.of("callflow.a", "2", "callflow.b", "x")));

    assertThat(layered.positive("callflow.a", 9)).isEqualTo(1);
    assertThat(layered.name("callflow.a")).isEqualTo("configuration parameter callflow.a");
    assertThatThrownBy(() -> layered.positive("callflow.b", 9)).hasMessage("Invalid -Dcallflow.b=x: not a whole number (expected 1 or more)");
    assertThat(layered.positive("callflow.c", 9)).isEqualTo(9);
  }
}
