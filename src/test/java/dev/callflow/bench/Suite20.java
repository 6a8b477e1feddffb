package dev.callflow.bench;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.browser.BrowserType;
import dev.callflow.junit.Browser;
import dev.callflow.junit.CallflowTest;
import dev.callflow.peer.Call;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.MediaConstraints;
import dev.callflow.peer.Peer;
import dev.callflow.sdp.Direction;
import dev.callflow.sdp.Sdp;
import dev.callflow.server.CallflowServer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Twenty short call-flow tests, as a team's suite has them: mostly Chrome to Chrome, some with Firefox; each connects
 * a call and checks one thing. Not part of the build's suite (its name is no {@code *Test}): {@link Suite20Run} times
 * it run one test at a time and in parallel ({@code ci/bench.sh suite20}).
 */
@CallflowTest
class Suite20 {
  private static final Duration SOON = Duration.ofSeconds(20);

  @Test
  void audioCall(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().connect();
    assertThat(call.callee()).hasAudibleAudio(SOON);
  }

  @Test
  void videoCall(Peer alice, Peer bob) {
    Call call = alice.call(bob).withVideo().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON);
  }

  @Test
  void audioVideoCall(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();
    assertThat(call.caller()).hasInboundMediaFlowing("video", SOON);
  }

  @Test
  void chatEchoes(Peer alice, Peer bob) {
    Call call = alice.call(bob).withDataChannel("chat").connect();
    call.callerChannel("chat").awaitOpen(SOON).send("ping");
    call.calleeChannel("chat").awaitMessage("ping", SOON).send("pong");
    call.callerChannel("chat").awaitMessage("pong", SOON);
  }

  @Test
  void twoChannels(Peer alice, Peer bob) {
    Call call = alice.call(bob).withDataChannel("chat").withDataChannel("files").connect();
    call.callerChannel("files").awaitOpen(SOON).send("a file");
    call.calleeChannel("files").awaitMessage("a file", SOON);
  }

  @Test
  void chatWithFirefox(Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) {
    Call call = alice.call(bob).withDataChannel("chat").connect();
    call.callerChannel("chat").awaitOpen(SOON).send("hello firefox");
    call.calleeChannel("chat").awaitMessage("hello firefox", SOON);
  }

  @Test
  void audioVideoToFirefox(Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();
    assertThat(call.callee()).hasInboundMediaFlowing("audio", SOON);
  }

  @Test
  void firefoxCallsChrome(@Browser(BrowserType.FIREFOX) Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().connect();
    assertThat(call.callee()).hasInboundMediaFlowing("audio", SOON);
  }

  @Test
  void firefoxToFirefox(@Browser(BrowserType.FIREFOX) Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) {
    alice.call(bob).withDataChannel("chat").connect();
  }

  @Test
  void videoAddedLater(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().connect();
    call.caller().addTrack(alice.getUserMedia(MediaConstraints.videoOnly()).get(0));
    call.renegotiate();
    assertThat(call.callee()).hasInboundMediaFlowing("video", SOON);
  }

  @Test
  void hangUpAndCallAgain(Peer alice, Peer bob) {
    Call first = alice.call(bob).withAudio().connect();
    first.hangUp();
    first.close();
    Call second = alice.call(bob).withAudio().connect();
    assertThat(second.callee()).hasInboundMediaFlowing("audio", SOON);
  }

  @Test
  void iceRestart(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withDataChannel("chat").connect();
    call.restartIce();
    call.callerChannel("chat").send("after restart");
    call.calleeChannel("chat").awaitMessage("after restart", SOON);
  }

  @Test
  void receiveOnlyCallee(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().withReceiveOnlyCallee().connect();
    assertThat(call.callee().transceivers()).allMatch(t -> t.currentDirection() == Direction.RECVONLY);
  }

  @Test
  void offerHasOpus(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().connect();
    assertThat(call.caller().localDescription().orElseThrow().sdp()).contains("opus/48000/2");
  }

  @Test
  void answerIsBundled(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();
    assertThat(call.callee().localDescription().orElseThrow().sdp()).contains("a=group:BUNDLE 0 1");
  }

  @Test
  void vp8Preferred(Peer alice, Peer bob) {
    Call call = alice.call(bob).withVideo().withSetup(c -> c.caller().setCodecPreferences("video", "video/VP8")).connect();
    assertThat(Sdp.parse(call.callee().localDescription().orElseThrow().sdp()).media("video").get(0).codecs().get(0).name())
        .isEqualToIgnoringCase("VP8");
  }

  @Test
  void bothSidesConnected(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().connect();
    call.caller().awaitConnectionState(ConnectionState.CONNECTED, SOON);
    call.callee().awaitConnectionState(ConnectionState.CONNECTED, SOON);
  }

  @Test
  void audioAndChat(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withDataChannel("chat").connect();
    call.callerChannel("chat").awaitOpen(SOON).send("still here");
    call.calleeChannel("chat").awaitMessage("still here", SOON);
  }

  @Test
  void roomApp(CallflowServer server, Peer alice, Peer bob) {
    String room = server.signaling().openNew("suite20");
    alice.open("/sample/room.html?room=" + room + "&name=alice");
    alice.driver().findElement(By.id("join")).click();
    bob.open("/sample/room.html?room=" + room + "&name=bob");
    bob.driver().findElement(By.id("join")).click();
    alice.awaitConnection(1, SOON).awaitConnectionState(ConnectionState.CONNECTED, SOON);
    server.signaling().close(room);
  }

  @Test
  void oneSidedVideo(Peer alice, Peer bob) {
    Call call = alice.call(bob).withVideo().withReceiveOnlyCallee().connect();
    assertThat(call.callee()).hasInboundMediaFlowing("video", SOON);
  }
}
