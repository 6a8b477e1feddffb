package dev.callflow.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import dev.callflow.server.CallflowServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** One test body over a list of cases in every browser, run through the JUnit engine as users would. */
class CasesTest {
  private static EngineExecutionResults run(Class<?> testClass, Path evidence) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass))
        .configurationParameter("callflow.evidenceDir", evidence.toString()).execute();
  }

  @CallflowTest
  static class TwoPages {
    @BrowserPairs
    @Cases({"/apps/identity.html", "/apps/iframe.html?from=cases"})
    void opens(Peer alice, Peer bob, String page) {
      alice.mark("opening " + page);
      alice.open(page);
      // Fails on the second page, in every pair.
      assertThat(alice.driver().getTitle()).isEqualTo("Does the page still see the real API?");
    }
  }

  @Test
  void eachPageRunsInEveryPairAndEachFailureHasItsOwnEvidence(@TempDir Path evidence) throws Exception {
    Events events = run(TwoPages.class, evidence).testEvents();

    assertThat(events.started().list()).extracting(e -> e.getTestDescriptor().getDisplayName()).containsExactly(
        "[chrome→chrome] /apps/identity.html", "[chrome→chrome] /apps/iframe.html?from=cases",
        "[chrome→firefox] /apps/identity.html", "[chrome→firefox] /apps/iframe.html?from=cases",
        "[firefox→chrome] /apps/identity.html", "[firefox→chrome] /apps/iframe.html?from=cases",
        "[firefox→firefox] /apps/identity.html", "[firefox→firefox] /apps/iframe.html?from=cases");
    String failures = events.failed().stream().map(e -> e.getTestDescriptor().getDisplayName() + ": " + e.getPayload(
        TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("")).collect(
        java.util.stream.Collectors.joining("\n\n"));
    assertThat(events.failed().list()).as("the failures:%n%s", failures).extracting(e -> e.getTestDescriptor().getDisplayName())
        .containsExactly("[chrome→chrome] /apps/iframe.html?from=cases", "[chrome→firefox] /apps/iframe.html?from=cases",
            "[firefox→chrome] /apps/iframe.html?from=cases", "[firefox→firefox] /apps/iframe.html?from=cases");
    events.assertStatistics(s -> s.succeeded(4).failed(4));
    List<Path> folders = events.failed().stream().map(e -> ((CallflowTestFailure) e.getPayload(TestExecutionResult.class)
        .orElseThrow().getThrowable().orElseThrow()).evidence()).toList();
    assertThat(folders).extracting(f -> f.getParent().getFileName().toString()).containsOnly("TwoPages");
    assertThat(folders).extracting(f -> f.getFileName().toString()).containsExactly(
        "opens[chrome→chrome][2]__apps_iframe.html_from_cases", "opens[chrome→firefox][2]__apps_iframe.html_from_cases",
        "opens[firefox→chrome][2]__apps_iframe.html_from_cases", "opens[firefox→firefox][2]__apps_iframe.html_from_cases");
    for (Path folder : folders) {
      assertThat(Files.readString(folder.resolve("timeline.txt"))).contains(" alice mark opening /apps/iframe.html?from=cases\n");
    }
  }

  /** A case of any type. */
  record Room(String name, int size) {}

  static final Queue<String> SEEN = new ConcurrentLinkedQueue<>();

  @CallflowTest
  static class CasesFromAMethod {
    static Stream<Room> rooms() {
      return Stream.of(new Room("a", 2), new Room("b", 3));
    }

    @EachBrowser(BrowserType.CHROME)
    @Cases(method = "rooms")
    void joins(CallflowServer server, Room room, Peer alice) {
      SEEN.add(room.name() + "=" + alice.browser().type().id());
    }
  }

  @Test
  void casesComeFromAStaticMethodAndGoToTheParameterCallflowDoesNotSupply(@TempDir Path evidence) {
    SEEN.clear();
    Events events = run(CasesFromAMethod.class, evidence).testEvents();

    assertThat(events.started().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
        .containsExactly("[chrome] Room[name=a, size=2]", "[chrome] Room[name=b, size=3]");
    assertThat(SEEN).containsExactly("a=chrome", "b=chrome");
  }

  @CallflowTest
  static class Misused {
    @EachBrowser
    @ParameterizedTest
    @ValueSource(strings = "/apps/a.html")
    void parameterized(String page) {}

    @EachBrowser
    @Cases({"/apps/a.html"})
    void noCaseParameter(Peer alice) {}

    @EachBrowser
    @Cases(value = "/apps/a.html", method = "pages")
    void both(String page) {}

    @EachBrowser
    @Cases(method = "pages")
    void wrongType(Integer page) {}

    static List<String> pages() {
      return List.of("/apps/a.html");
    }

    @org.junit.jupiter.api.Test
    @Cases({"/apps/a.html"})
    void withoutBrowsers(String page) {}
  }

  @Test
  void aMisusedCasesAnnotationNamesTheFix(@TempDir Path evidence) {
    EngineExecutionResults results = run(Misused.class, evidence);

    results.containerEvents().assertThatEvents()
        .haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(
            "@ParameterizedTest on parameterized does not combine with @BrowserPairs or @EachBrowser: JUnit would run its arguments"
                + " and the browsers one after the other, never crossed; give the cases with @Cases in place of @ParameterizedTest"
                + " and its sources"))))
        .haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
            message("@Cases on noCaseParameter has no parameter to take a case: add one, e.g. String page"))))
        .haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
            message(m -> m.startsWith("@Cases on both takes either cases as text or a method that returns them, not both")))))
        .haveExactly(1, event(finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
            message("@Cases on wrongType: case 1 (/apps/a.html) does not fit parameter page of type Integer"))));
    results.testEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(instanceOf(ParameterResolutionException.class),
        message("@Cases runs each case in the browsers of @BrowserPairs or @EachBrowser: add one of them to withoutBrowsers"
            + " in place of @Test"))));
  }
}
