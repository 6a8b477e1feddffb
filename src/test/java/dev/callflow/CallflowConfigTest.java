package dev.callflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.CallflowConfig.Key;
import dev.callflow.failure.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the configuration from fixed parameters, properties and variables: no browser, no JVM state. */
class CallflowConfigTest {
  private static CallflowConfig read(Map<String, String> parameters, Map<String, String> properties, Map<String, String> variables) {
    return CallflowConfig.read(key -> Optional.ofNullable(parameters.get(key)), properties, variables);
  }

  @Test
  void nothingGivenIsEveryDefault() {
    CallflowConfig config = read(Map.of(), Map.of("java.version", "17", "user.home", "/root"), Map.of("PATH", "/usr/bin"));

    assertThat(config.headed()).isFalse();
    assertThat(config.parallelLaunches()).isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
    assertThat(config.maxBrowsers()).as("sized to the machine").isEqualTo(2 * Runtime.getRuntime().availableProcessors());
    assertThat(config.pageLoadTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.evidenceDir()).isEqualTo(Path.of("target/callflow"));
    assertThat(config.pages()).isEmpty();
    assertThat(config.baselineUpdate()).isFalse();
    assertThat(config).hasToString(CallflowConfig.defaults().toString());
  }

  @Test
  void parametersWinOverPropertiesWhichWinOverVariables() {
    Map<String, String> variables = Map.of("CALLFLOW_PARALLEL_LAUNCHES", "3", "CALLFLOW_PAGE_LOAD_TIMEOUT", "7",
        "CALLFLOW_HEADED", "true");
    Map<String, String> properties = Map.of("callflow.parallelLaunches", "4", "callflow.pageLoadTimeout", "8");
    Map<String, String> parameters = Map.of("callflow.parallelLaunches", "5");

    CallflowConfig config = read(parameters, properties, variables);

    assertThat(config.parallelLaunches()).isEqualTo(5);
    assertThat(config.pageLoadTimeout()).isEqualTo(Duration.ofSeconds(8));
    assertThat(config.headed()).isTrue();
  }

  @Test
  void theMostBrowsersAtOnceIsOneKeyAndOneBuilderOption() {
    assertThat(read(Map.of("callflow.maxBrowsers", "6"), Map.of(), Map.of()).maxBrowsers()).isEqualTo(6);
    assertThat(read(Map.of(), Map.of(), Map.of("CALLFLOW_MAX_BROWSERS", "3")).maxBrowsers()).isEqualTo(3);
    assertThat(CallflowConfig.defaults().withMaxBrowsers(1).maxBrowsers()).isEqualTo(1);
    assertThatThrownBy(() -> read(Map.of(), Map.of("callflow.maxBrowsers", "0"), Map.of()))
        .hasMessage("Invalid -Dcallflow.maxBrowsers=0: expected 1 or more");
    assertThatThrownBy(() -> CallflowConfig.defaults().withMaxBrowsers(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("At least one browser must be able to run, not 0");
  }

  @Test
  void eachSettingHasOneVariable() {
    assertThat(Key.PARALLEL_LAUNCHES.variable()).isEqualTo("CALLFLOW_PARALLEL_LAUNCHES");
    assertThat(Key.BASELINE_UPDATE.variable()).isEqualTo("CALLFLOW_BASELINE_UPDATE");
    assertThat(Key.EVIDENCE_DIR.variable()).isEqualTo("CALLFLOW_EVIDENCE_DIR");
    assertThat(Key.GECKO_DRIVER.variable()).isEqualTo("WEBDRIVER_GECKO_DRIVER");
    assertThat(Key.WEBDRIVERMANAGER.variable()).isEqualTo("CALLFLOW_WEBDRIVERMANAGER");
  }

  @Test
  void aValueThatDoesNotParseIsNamedAsItsSourceCallsIt() {
    assertThatThrownBy(() -> read(Map.of("callflow.headed", "yes"), Map.of(), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Invalid configuration parameter callflow.headed=yes: expected true or false");
    assertThatThrownBy(() -> read(Map.of(), Map.of("callflow.parallelLaunches", "0"), Map.of()))
        .hasMessage("Invalid -Dcallflow.parallelLaunches=0: expected 1 or more");
    assertThatThrownBy(() -> read(Map.of(), Map.of(), Map.of("CALLFLOW_PAGE_LOAD_TIMEOUT", "soon")))
        .hasMessage("Invalid environment variable CALLFLOW_PAGE_LOAD_TIMEOUT=soon: not a whole number (expected 1 or more)");
    assertThatThrownBy(() -> read(Map.of(), Map.of(), Map.of("WEBDRIVER_GECKO_DRIVER", "/nonexistent")))
        .hasMessage("Invalid environment variable WEBDRIVER_GECKO_DRIVER=/nonexistent: no such file");
  }

  @Test
  void aParameterThatIsASystemPropertyIsNamedAsOne() {
    // JUnit's configuration parameters include the system properties.
    Map<String, String> both = Map.of("callflow.baseline.update", "maybe");

    assertThatThrownBy(() -> read(both, both, Map.of()))
        .hasMessage("Invalid -Dcallflow.baseline.update=maybe: expected true or false");
  }

  @Test
  void aWrongValueFailsEvenIfAnotherSourceWouldHaveAGoodOne() {
    assertThatThrownBy(() -> read(Map.of(), Map.of("callflow.headed", "yes"), Map.of("CALLFLOW_HEADED", "true")))
        .hasMessage("Invalid -Dcallflow.headed=yes: expected true or false");
  }

  @Test
  void foldersAreCheckedWhenRead(@TempDir Path dir) {
    CallflowConfig config = read(Map.of("callflow.pages", dir.toString()), Map.of(),
        Map.of("CALLFLOW_EVIDENCE_DIR", dir.resolve("evidence").toString()));

    assertThat(config.pages()).contains(dir);
    assertThat(config.evidenceDir()).isEqualTo(dir.resolve("evidence")).isEmptyDirectory();
    assertThatThrownBy(() -> read(Map.of(), Map.of("callflow.pages", dir.resolve("missing").toString()), Map.of()))
        .hasMessage("Invalid -Dcallflow.pages=" + dir.resolve("missing") + ": no such folder");
  }

  @Test
  void anUnknownCallflowKeyIsATypo() {
    assertThatThrownBy(() -> read(Map.of(), Map.of("callflow.heded", "true"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Invalid -Dcallflow.heded=true: not a Callflow setting (known: callflow.headed, ")
        .hasMessageContaining("webdriver.gecko.driver");
    assertThatThrownBy(() -> read(Map.of(), Map.of(), Map.of("CALLFLOW_PARALLEL_LAUNCH", "2")))
        .hasMessageStartingWith("Invalid environment variable CALLFLOW_PARALLEL_LAUNCH=2: not a Callflow setting (known: ")
        .hasMessageContaining("CALLFLOW_PARALLEL_LAUNCHES");
    // Other namespaces are not Callflow's to judge.
    assertThat(read(Map.of(), Map.of("webdriver.http.factory", "jdk-http-client", "callflowish", "x"),
        Map.of("CALLFLOWISH", "x")).headed()).isFalse();
  }

  @Test
  void everyKeyIsAcceptedAsAPropertyAndAVariable(@TempDir Path dir) {
    Map<String, String> properties = new java.util.HashMap<>();
    Map<String, String> variables = new java.util.HashMap<>();
    for (Key key : Key.values()) {
      String value = switch (key) {
        case HEADED, BASELINE_UPDATE, FAIL_ON_PAGE_ERRORS, WEBDRIVERMANAGER, NAMESPACES -> "true";
        case PARALLEL_LAUNCHES, MAX_BROWSERS, PAGE_LOAD_TIMEOUT -> "2";
        case EVIDENCE_DIR, PAGES -> dir.toString();
        case CHROME_BINARY, FIREFOX_BINARY, CHROME_DRIVER, GECKO_DRIVER -> "/bin/sh";
        case GRID -> "http://grid.example:4444";
        case ADVERTISED_HOST -> "tests.example";
      };
      properties.put(key.key(), value);
      variables.put(key.variable(), value);
    }

    assertThat(read(Map.of(), properties, Map.of()).pageLoadTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(read(Map.of(), properties, Map.of()).failOnPageErrors()).isTrue();
    assertThat(read(Map.of(), Map.of(), variables).pages()).contains(dir);
    assertThat(read(Map.of(), Map.of(), variables).grid()).hasValueSatisfying(u -> assertThat(u).hasToString("http://grid.example:4444"));
    assertThat(read(Map.of(), properties, Map.of()).advertisedHost()).contains("tests.example");
  }

  @Test
  void aGridIsAnHttpAddressAndAnAdvertisedHostIsAHostName() {
    assertThatThrownBy(() -> read(Map.of(), Map.of("callflow.grid", "grid:4444"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Invalid -Dcallflow.grid=grid:4444: not a Selenium Grid's address (expected http://host:port");
    assertThatThrownBy(() -> read(Map.of(), Map.of(), Map.of("CALLFLOW_GRID", "http://grid:44 44")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Invalid environment variable CALLFLOW_GRID=http://grid:44 44: not a URL (");
    assertThatThrownBy(() -> read(Map.of(), Map.of("callflow.advertisedHost", "0.0.0.0"), Map.of()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Invalid -Dcallflow.advertisedHost=0.0.0.0: ");
    assertThat(CallflowConfig.defaults().grid()).isEmpty();
    assertThat(CallflowConfig.defaults().advertisedHost()).isEmpty();
    assertThat(CallflowConfig.defaults().withAdvertisedHost("tests.example").withHeaded(true).advertisedHost()).contains("tests.example");
  }

  @Test
  void aConfigurationBuiltInCodeRejectsNonsense() {
    CallflowConfig config = CallflowConfig.defaults().withHeaded(true).withParallelLaunches(1).withPageLoadTimeout(Duration.ofSeconds(5))
        .withBaselineUpdate(true).withFailOnPageErrors(true);

    assertThat(config.headed()).isTrue();
    assertThat(config.failOnPageErrors()).isTrue();
    assertThat(CallflowConfig.defaults().failOnPageErrors()).isFalse();
    assertThat(config.parallelLaunches()).isEqualTo(1);
    assertThat(config.pageLoadTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.baselineUpdate()).isTrue();
    assertThat(CallflowConfig.defaults().headed()).isFalse();
    assertThatThrownBy(() -> config.withParallelLaunches(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config.withPageLoadTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
