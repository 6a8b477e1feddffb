package dev.callflow.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.callflow.failure.ConfigurationException;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.Peer;
import dev.callflow.peer.Signal;
import dev.callflow.peer.SignalAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs small Callflow test classes through the JUnit engine and checks what users would see. */
class CallflowExtensionTest {
  private static Events run(Class<?> testClass) {
    return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
  }

  @CallflowTest
  static class FailingCall {
    @Test
    void neverConnects(Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) {
      alice.call(bob).withDataChannel("chat").withTimeout(Duration.ofSeconds(2))
          .withHook(s -> s.kind() == Signal.Kind.CANDIDATE ? SignalAction.drop() : SignalAction.forward())
          .connect();
    }
  }

  @Test
  void aFailedCallWritesEvidenceAndNamesItsFolder() throws Exception {
    Events events = run(FailingCall.class);

    events.assertThatEvents().haveExactly(1, event(test("neverConnects"), finishedWithFailure(
        instanceOf(CallflowTestFailure.class),
        message(m -> m.startsWith("Call alice→bob should reach 'connected' within 2s") && m.contains("\n\nEvidence: ")))));
    CallflowTestFailure failure = (CallflowTestFailure) events.failed().list().get(0)
        .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
    Path folder = failure.evidence();
    assertThat(folder.toString()).endsWith("FailingCall/neverConnects[chrome→firefox]");
    assertThat(failure.getMessage()).endsWith("\n\nEvidence: " + folder + "\nReport: " + failure.report().orElseThrow());
    assertThat(failure.report().orElseThrow().toString()).endsWith("/callflow/index.html#FailingCall-neverConnects-chrome-firefox");
    // The message sums up each connection's candidates; the evidence keeps every one.
    assertThat(failure.getMessage()).containsPattern("alice/pc1 icecandidate ×\\d+ \\(host \\d+, srflx 0, relay 0, end-of-candidates \\d+")
        .doesNotContain("icecandidate candidate:");
    assertThat(Files.readString(folder.resolve("timeline.txt"))).contains("alice/pc1 call createOffer", "bob/pc1",
        "alice/pc1 icecandidate candidate:");
    // Connection names are unique per peer: one file per connection, named after it.
    assertThat(Files.readString(folder.resolve("alice-pc1.json"))).contains("\"type\" : \"offer\"", "\"stats\"");
    assertThat(Files.readString(folder.resolve("bob-browser.txt"))).startsWith("firefox ");
    assertThat(folder.resolve("alice.png")).isNotEmptyFile();
    assertThat(folder.resolve("bob.png")).isNotEmptyFile();
    assertThat(Files.readString(folder.resolve("failure.txt"))).contains("CallflowTimeoutError");
    // It stands in for the original: a report prints the message once, not again under "Caused by".
    assertThat(failure.original()).isInstanceOf(dev.callflow.failure.CallflowTimeoutError.class);
    java.io.StringWriter printed = new java.io.StringWriter();
    failure.printStackTrace(new java.io.PrintWriter(printed));
    assertThat(printed.toString().split("should reach 'connected' within 2s", -1)).hasSize(2);
  }

  @CallflowTest
  static class PeerOnBeforeEach {
    @BeforeEach
    void setUp(Peer alice) {}

    @Test
    void test() {}
  }

  @Test
  void aPeerOutsideATestMethodIsRefusedWithTheFix() {
    run(PeerOnBeforeEach.class).assertThatEvents().haveExactly(1, event(test("test"), finishedWithFailure(
        instanceOf(ParameterResolutionException.class), message(m -> m.contains("Peer parameters go on @Test or @BrowserPairs methods")))));
  }

  @CallflowTest
  static class NoBrowsers {
    @BrowserPairs({})
    void pairs(Peer alice, Peer bob) {}
  }

  @Test
  void anEmptyBrowserListIsAConfigurationError() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(NoBrowsers.class)).execute().containerEvents()
        .assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
            instanceOf(org.junit.jupiter.api.extension.ExtensionConfigurationException.class),
            message(m -> m.contains("@BrowserPairs on pairs names no browser")))));
  }

  @CallflowTest
  static class ExceptedPairs {
    @BrowserPairs(except = {"chrome→firefox", "firefox-chrome", "firefox->firefox"})
    void pairs(BrowserPair pair) {}
  }

  @Test
  void exceptedPairsMayBeWrittenWithAnArrowOrAHyphenAndAreReportedAsSkipped() {
    Events events = run(ExceptedPairs.class);
    events.assertStatistics(s -> s.succeeded(1).failed(0).skipped(3));
    assertThat(events.started().list()).extracting(e -> e.getTestDescriptor().getDisplayName()).containsExactly("[chrome→chrome]");
    assertThat(events.skipped().list()).extracting(e -> e.getTestDescriptor().getDisplayName() + " " + e.getPayload(String.class).orElse(""))
        .containsExactly("[chrome→firefox] @BrowserPairs(except = ...) leaves chrome→firefox out",
            "[firefox→chrome] @BrowserPairs(except = ...) leaves firefox→chrome out",
            "[firefox→firefox] @BrowserPairs(except = ...) leaves firefox→firefox out");
  }

  static final AtomicReference<String> SEEN = new AtomicReference<>();

  @CallflowTest
  static class PeersPerTest {
    @EachBrowser
    void named(Peer alice, @Browser(BrowserType.CHROME) Peer bob) {
      SEEN.accumulateAndGet(alice.name() + "=" + alice.browser().type().id() + "," + bob.name() + "=" + bob.browser().type().id() + ";",
          (a, b) -> a == null ? b : a + b);
    }
  }

  @Test
  void peersTakeTheirNamesAndBrowsersFromTheTest() {
    SEEN.set(null);
    Events events = run(PeersPerTest.class);
    events.assertStatistics(s -> s.succeeded(2));
    assertThat(SEEN.get()).isEqualTo("alice=chrome,bob=chrome;alice=firefox,bob=chrome;");
    assertThat(events.started().list()).extracting(e -> e.getTestDescriptor().getDisplayName())
        .containsExactly("[chrome]", "[firefox]");
  }

  @CallflowTest
  @FailOnPageErrors
  static class ThrowingPage {
    @Test
    void failsAfterItsBody(Peer alice) {
      alice.open("/apps/throws.html");
    }

    @Test
    @FailOnPageErrors(false)
    void passesWhereItsMethodSaysSo(Peer alice) {
      alice.open("/apps/throws.html");
    }
  }

  @CallflowTest
  static class ThrowingPageAsConfigured {
    @Test
    void failsIfConfiguredTo(Peer alice) {
      alice.open("/apps/throws.html");
    }
  }

  @Test
  void aTestThatFailsOnPageErrorsFailsAfterItsBodyListingThem() {
    Events events = run(ThrowingPage.class);

    events.assertStatistics(s -> s.succeeded(1).failed(1));
    events.assertThatEvents().haveExactly(1, event(test("failsAfterItsBody"), finishedWithFailure(instanceOf(CallflowTestFailure.class),
        message(m -> m.startsWith("The pages had ") && m.contains(" error(s), and this test fails on page errors "
            + "(@FailOnPageErrors or callflow.failOnPageErrors):\n  alice pageerror ")
            && m.contains("ReferenceError: notDefinedAnywhere is not defined at http://") && m.contains("\n\nEvidence: ")))));
  }

  @Test
  void pageErrorsFailATestOnlyWhenConfiguredTo() {
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ThrowingPageAsConfigured.class)).execute()
        .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(ThrowingPageAsConfigured.class))
        .configurationParameter("callflow.failOnPageErrors", "true").execute()
        .testEvents().assertStatistics(s -> s.succeeded(0).failed(1));
  }

  @CallflowTest
  static class OwnPages {
    @Test
    void servesThem(Peer alice) {
      alice.open("/mine.html");
      assertThat(alice.driver().findElement(org.openqa.selenium.By.id("x")).getText()).isEqualTo("mine");
    }
  }

  @Test
  void servesTheUsersPagesNamedByConfiguration(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mine.html"), "<p id=\"x\">mine</p>");
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(OwnPages.class))
        .configurationParameter("callflow.pages", dir.toString()).execute()
        .testEvents().assertStatistics(s -> s.succeeded(1).failed(0));
  }

  @Test
  void aWrongPagesFolderFailsTheTestNamingItBeforeAnyBrowserStarts(@TempDir Path dir) {
    Path missing = dir.resolve("missing");
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(OwnPages.class))
        .configurationParameter("callflow.pages", missing.toString()).execute()
        .testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
            instanceOf(ConfigurationException.class),
            message("Invalid configuration parameter callflow.pages=" + missing + ": no such folder"))));
  }
}
