package dev.callflow.peer;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.JavascriptExecutor;

/**
 * A warm browser's reference page is reset in place for its next peer instead of loaded again, and nothing of the
 * last peer's call reaches the next one: no connection, track, video, data channel or event.
 */
class PageReuseTest {
  private static final Duration WITHIN = Duration.ofSeconds(30);

  @ParameterizedTest
  @EnumSource(BrowserType.class)
  void theNextPeerGetsTheReferencePageResetNotLoadedAgainAndNothingOfTheLastCall(BrowserType type) {
    try (Callflow callflow = Callflow.start()) {
      Peer alice = callflow.peer("alice", type);
      Peer bob = callflow.peer("bob", type);
      alice.call(bob).withAudio().withVideo().withDataChannel("chat").connect();
      long alicesBrowser = alice.browserProcess().orElseThrow().pid();
      alice.close(); // bob still calls alice's page

      Peer carol = callflow.peer("carol", type);

      assertThat(carol.browserProcess().orElseThrow().pid()).as("carol has alice's warm browser").isEqualTo(alicesBrowser);
      List<PeerEvent> opened = carol.events();
      assertThat(opened).as("carol's events once her page is open").singleElement()
          .satisfies(e -> assertThat(e.kind()).isEqualTo(EventKind.PROBE))
          .satisfies(e -> assertThat(e.details().path("reset").asBoolean()).as("the page was reset in place").isTrue());
      assertThat(carol.connections()).isEmpty();

      Peer dave = callflow.peer("dave", type);
      Call call = carol.call(dave).withAudio().withVideo().connect();
      bob.close();

      assertThat(call.caller().id()).isEqualTo("pc1");
      assertThat(carol.connections()).containsExactly(call.caller());
      assertThat(carol.events()).as("carol's connection events").allSatisfy(e -> assertThat(e.pc()).isIn(null, "pc1"));
      assertThat(call.caller()).hasVideoPlaying(WITHIN);
      JavascriptExecutor page = (JavascriptExecutor) carol.driver();
      assertThat(page.executeScript("return [...document.querySelectorAll('video')].map((v) => v.id)"))
          .as("the page's videos: carol's own and the one she receives, none of alice's call")
          .asList().hasSize(2).contains("local-video");
      assertThat(page.executeScript("return document.title")).isEqualTo("carol · Callflow");
    }
  }

  @ParameterizedTest
  @EnumSource(BrowserType.class)
  void aPageTheTestReachedThroughTheDriverIsLoadedAgain(BrowserType type) {
    try (Callflow callflow = Callflow.start()) {
      Peer alice = callflow.peer("alice", type);
      ((JavascriptExecutor) alice.driver()).executeScript("window.leftBehind = true");
      alice.close();

      Peer carol = callflow.peer("carol", type);

      // Firefox announces the initial empty document of the navigation too: its url is "".
      assertThat(carol.events()).as("carol's events once her page is open").allSatisfy(e -> {
        assertThat(e.kind()).isEqualTo(EventKind.PROBE);
        assertThat(e.details().path("url").asText()).isIn("", callflow.server().url("/peer.html").toString());
        assertThat(e.details().path("reset").isMissingNode()).as("a page load, not a reset").isTrue();
      });
      assertThat(((JavascriptExecutor) carol.driver()).executeScript("return window.leftBehind === undefined")).isEqualTo(true);
    }
  }

  /** The driver a test holds still reaches the page after the peer opened another one: that page is loaded again too. */
  @ParameterizedTest
  @EnumSource(BrowserType.class)
  void aPageOpenedAfterTheTestTookTheDriverIsLoadedAgain(BrowserType type) {
    try (Callflow callflow = Callflow.start()) {
      Peer alice = callflow.peer("alice", type);
      JavascriptExecutor page = (JavascriptExecutor) alice.driver();
      alice.open("/peer.html");
      page.executeScript("window.leftBehind = true");
      alice.close();

      Peer carol = callflow.peer("carol", type);

      assertThat(carol.events()).as("carol's events once her page is open")
          .noneSatisfy(e -> assertThat(e.details().path("reset").asBoolean()).isTrue());
      assertThat(((JavascriptExecutor) carol.driver()).executeScript("return window.leftBehind === undefined")).isEqualTo(true);
    }
  }
}
