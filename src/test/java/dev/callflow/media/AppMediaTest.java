package dev.callflow.media;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.junit.BrowserPair;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.Synthetic;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.server.CallflowServer;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/** An app of its own (the sample room) gets the synthetic devices unchanged, and its received media is measured. */
@CallflowTest
class AppMediaTest {
  private static final Duration SOON = Duration.ofSeconds(20);

  @BrowserPairs
  void appSeesTheSyntheticDevicesAndItsVideoIsMeasured(CallflowServer server, BrowserPair pair, @Synthetic Peer alice,
      @Synthetic(width = 320, height = 240, frameRate = 15) Peer bob) {
    String room = "media-" + pair.caller().id() + "-" + pair.callee().id();
    server.signaling().open(room);
    for (Peer p : List.of(alice, bob)) {
      p.open("/sample/room.html?room=" + room + "&name=" + p.name());
    }
    Object devices = ((JavascriptExecutor) bob.driver()).executeAsyncScript("""
        const done = arguments[0];
        navigator.mediaDevices.enumerateDevices().then((all) => done(all.filter((d) => d.kind !== 'audiooutput')
            .map((d) => d.kind + ':' + d.label + ':' + d.deviceId).join(',')), (e) => done(String(e)));
        """);
    assertThat(devices).isEqualTo("audioinput:Callflow synthetic microphone:callflow-synthetic-microphone,"
        + "videoinput:Callflow synthetic camera:callflow-synthetic-camera");
    for (Peer p : List.of(alice, bob)) {
      p.driver().findElement(By.id("join")).click();
    }
    PeerConnection atAlice = alice.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
    assertThat(atAlice).hasVideoPlaying(SOON);

    MediaQuality q = atAlice.measureMedia(Duration.ofSeconds(2));
    System.out.println("Measured in the app, " + pair.callee().id() + "→" + pair.caller().id() + ": " + q);
    // Bob's camera makes 320x240 at 15 frames a second: what alice's page shows is measured, whatever the app does.
    assertThat(q).video().hasDelayBelow(Duration.ofMillis(500)).hasFrameRateAtLeast(5).hasNoFreezeLongerThan(Duration.ofSeconds(1));
    assertThat(q.video().resolutions()).allMatch(r -> r.width() <= 320 && r.height() <= 240);
  }
}
