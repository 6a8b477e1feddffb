package dev.callflow.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.PeerEvent;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A page that replaces the built-ins the probe shares with it, tries to forge events, switch hermetic
 * mode off, replace or call the probe, and feeds it cyclic, deep and huge values: what Java sees stays true.
 */
@CallflowTest
class HostilePageTest {
  private static final Duration SOON = Duration.ofSeconds(15);

  @EachBrowser
  void thePageCannotForgeDisableOrDriveTheProbe(Peer alice) {
    alice.open("/apps/hostile.html");
    PeerConnection pc1 = alice.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
    PeerConnection pc2 = alice.awaitConnection(2, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
    alice.awaitEvent("the large data-channel message", e -> e.is(EventKind.CHANNEL_MESSAGE), SOON);
    // While the page's replacements are in place, WebDriver's own helper scripts may fail too: the page
    // puts the originals back once the message arrived.
    new WebDriverWait(alice.driver(), SOON).ignoring(WebDriverException.class)
        .until(d -> d.findElement(By.id("status")).getText().equals("received"));

    String attempts = alice.driver().findElement(By.id("attempts")).getText();
    assertThat(attempts).contains("policy=TypeError", "replaceProbe=TypeError", "redefineProbe=TypeError", "objectToJSON=done");
    assertThat(attempts).containsPattern("invokeReply=.*SecurityError")
        .as("the events a reply carries to Java only").doesNotContainPattern("invokeReply=.*\"events\"");

    // Events: one unbroken sequence, states as the browser has them, nothing forged.
    List<PeerEvent> page = alice.events().stream().filter(e -> e.doc().equals(pc1.document())).toList();
    assertThat(page).extracting(PeerEvent::seq).doesNotContain(999L).isSorted();
    assertThat(page.get(page.size() - 1).seq()).isEqualTo(page.size());
    assertThat(pc1.events()).filteredOn(e -> e.is(EventKind.CONNECTION_STATE_CHANGE)).extracting(PeerEvent::state)
        .doesNotContainNull().startsWith(ConnectionState.NEW).contains(ConnectionState.CONNECTING, ConnectionState.CONNECTED);

    // Hermetic mode held: the page's STUN server was removed and only loopback candidates reached it.
    assertThat(pc1.events()).filteredOn(e -> e.is(EventKind.CREATED)).singleElement()
        .satisfies(e -> assertThat(e.details().path("iceServersRemoved").asBoolean()).isTrue());
    assertThat(pc2.events()).filteredOn(e -> e.is(EventKind.CALL) && "addIceCandidate".equals(e.method()))
        .extracting(e -> e.details().path("args").path(0).path("candidate").asText())
        .isNotEmpty().allMatch(c -> c.isEmpty() || c.matches(".* (127\\.0\\.0\\.1|::1) .*"));

    // Cyclic, deep and huge values are recorded cut short; the page's calls went through.
    assertThat(pc1.events()).filteredOn(e -> e.is(EventKind.CALL) && "createDataChannel".equals(e.method()))
        .extracting(e -> e.details().path("args").toString())
        .anySatisfy(args -> assertThat(args).contains("cyclic", "[nested too deep]"))
        .anySatisfy(args -> assertThat(args).contains("deep", "[nested too deep]"));
    assertThat(pc1.events()).filteredOn(e -> e.is(EventKind.CHANNEL_MESSAGE)).singleElement()
        .satisfies(e -> assertThat(e.channelMessage()).endsWith("[truncated: 204800 characters]"));

    // Java's own operations still read the truth.
    assertThat(pc2.getStats().selectedPair()).isPresent();
    assertThat(pc1.remoteDescription()).hasValueSatisfying(d -> assertThat(d.type()).isEqualTo("answer"));
  }
}
