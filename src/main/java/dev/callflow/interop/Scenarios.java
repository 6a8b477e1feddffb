package dev.callflow.interop;

import static dev.callflow.assertions.CallflowAssertions.assertThat;

import dev.callflow.sdp.Direction;
import dev.callflow.peer.MediaConstraints;
import dev.callflow.browser.BrowserType;
import dev.callflow.peer.DomException;
import dev.callflow.peer.EventKind;
import dev.callflow.peer.PeerEvent;
import dev.callflow.peer.Encoding;
import dev.callflow.peer.SignalHook;
import dev.callflow.peer.Track;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.SignalingState;
import dev.callflow.peer.Transceiver;
import dev.callflow.sdp.Sdp;
import dev.callflow.peer.Call;
import dev.callflow.stats.StatsReport;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/** The built-in call flows of the interop run. */
public final class Scenarios {
  private static final Duration SOON = Duration.ofSeconds(10);

  private Scenarios() {}

  private record Named(String id, String description, BiFunction<Peer, Peer, Call> flow) implements Scenario {
    @Override
    public Call play(Peer caller, Peer callee) {
      return flow.apply(caller, callee);
    }
  }

  /**
   * {@return every built-in scenario, in report order}
   *
   * @param preferredVideoCodec the video codec the codec-preference scenario prefers, e.g. {@code VP9}
   */
  public static List<Scenario> all(String preferredVideoCodec) {
    return List.of(
        new Named("audio-video", "audio+video call, both sides sending", Scenarios::audioVideo),
        new Named("data-channel", "data channel only, a message each way", Scenarios::dataChannel),
        new Named("add-video", "audio-only call, then video added by renegotiation", Scenarios::addVideo),
        new Named("ice-restart", "ICE restart on a connected call", Scenarios::iceRestart),
        new Named("receive-only", "the callee only receives audio+video", Scenarios::receiveOnly),
        new Named("codec-preference", "the caller prefers " + preferredVideoCodec + " (setCodecPreferences); the callee honours it",
            (a, b) -> codecPreference(a, b, preferredVideoCodec)),
        new Named("hangup-recall", "hang up, then call again on the same pages", Scenarios::hangUpAndRecall),
        new Named("glare", "both add video and offer at once; perfect negotiation, the callee polite, rolls back"
            + " (firefox→chrome: Chromium refuses Firefox's offer after its rollback, so Firefox is the polite side)", Scenarios::glare),
        new Named("simulcast", "the caller sends three layers by rid (the answer takes them as an SFU's would: no browser"
            + " receives simulcast); each grows in its stats, then one turned off stops", Scenarios::simulcast),
        new Named("encoding-params", "mid-call setParameters: scaleResolutionDownBy 4 and maxBitrate 150 kbit/s, seen in the"
            + " sender's outbound-rtp", Scenarios::encodingParams),
        new Named("dtmf", "the caller sends DTMF 1234#* (insertDTMF) and its tonechange events play them in order; the"
            + " receiving browser has no API that reports DTMF", Scenarios::dtmf),
        new Named("screen-share", "a shared screen added and removed mid-call as a second video track (Chromium: getDisplayMedia;"
            + " headless Firefox has no screen to give, so a synthetic canvas screen)", Scenarios::screenShare));
  }

  private static Call audioVideo(Peer caller, Peer callee) {
    Call call = caller.call(callee).withAudio().withVideo().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    assertThat(call.caller()).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    return call;
  }

  private static Call dataChannel(Peer caller, Peer callee) {
    Call call = caller.call(callee).withDataChannel("chat").connect();
    call.callerChannel("chat").awaitOpen(SOON).send("ping");
    call.calleeChannel("chat").awaitMessage("ping", SOON).send("pong");
    call.callerChannel("chat").awaitMessage("pong", SOON);
    return call;
  }

  private static Call addVideo(Peer caller, Peer callee) {
    Call call = caller.call(callee).withAudio().connect();
    call.caller().addTrack(caller.getUserMedia(MediaConstraints.videoOnly()).get(0));
    call.renegotiate();
    assertThat(call.callee()).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    return call;
  }

  private static Call iceRestart(Peer caller, Peer callee) {
    Call call = caller.call(callee).withAudio().withDataChannel("chat").connect();
    call.restartIce();
    call.callerChannel("chat").send("after restart");
    call.calleeChannel("chat").awaitMessage("after restart", SOON);
    assertThat(call.callee()).hasAudibleAudio(SOON);
    return call;
  }

  private static Call receiveOnly(Peer caller, Peer callee) {
    Call call = caller.call(callee).withAudio().withVideo().withReceiveOnlyCallee().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    for (Transceiver t : call.callee().transceivers()) {
      if (t.currentDirection() != Direction.RECVONLY) {
        throw new AssertionError("the callee's " + t.kind() + " transceiver is " + t.currentDirection() + ", not recvonly");
      }
    }
    return call;
  }

  private static Call codecPreference(Peer caller, Peer callee, String codec) {
    Call call = caller.call(callee).withVideo().withSetup(c -> c.caller().setCodecPreferences("video", "video/" + codec)).connect();
    Sdp answer = Sdp.parse(call.callee().localDescription().orElseThrow().sdp());
    String first = answer.media("video").get(0).codecs().get(0).name();
    if (!first.equalsIgnoreCase(codec)) {
      throw new AssertionError("the caller preferred " + codec + " but the answer's first video codec is " + first);
    }
    assertThat(call.callee()).hasVideoPlaying(SOON);
    StatsReport stats = call.callee().getStats();
    String used = stats.inboundRtp("video").stream()
        .flatMap(s -> stats.codecOf(s).flatMap(c -> c.mimeType()).stream()).findFirst().orElse("none");
    if (!used.toLowerCase(Locale.ROOT).endsWith("/" + codec.toLowerCase(Locale.ROOT))) {
      throw new AssertionError("the callee receives " + used + ", not " + codec);
    }
    return call;
  }

  private static Call hangUpAndRecall(Peer caller, Peer callee) {
    Call first = caller.call(callee).withAudio().connect();
    first.hangUp();
    first.close();
    Call second = caller.call(callee).withAudio().connect();
    assertThat(second.callee()).hasAudibleAudio(SOON);
    return second;
  }

  /**
   * Glare mid-call, resolved by the reference page's perfect negotiation. Chromium 156 as the polite side keeps the
   * header extension ids of the m-section it rolled back and refuses Firefox's offer ("RTP extension ID reassignment
   * not supported"): that refusal is asserted, then the flow runs again on a new call with Firefox polite.
   */
  private static Call glare(Peer caller, Peer callee) {
    Call call = caller.call(callee).withAudio().connect();
    call.caller().addTrack(caller.getUserMedia(MediaConstraints.videoOnly()).get(0));
    call.callee().addTrack(callee.getUserMedia(MediaConstraints.videoOnly()).get(0));
    Peer polite = callee;
    if (caller.browser().type() == BrowserType.FIREFOX && callee.browser().type() == BrowserType.CHROME) {
      try {
        call.glare();
        throw new AssertionError("Chromium as the polite side took Firefox's offer after its rollback: it had refused it"
            + " (RTP extension ID reassignment); the scenario's firefox→chrome branch is out of date");
      } catch (DomException refused) {
        if (!refused.getMessage().contains("RTP extension ID reassignment")) {
          throw refused;
        }
      }
      assertThat(call.callee()).hasRolledBack();
      call.hangUp();
      call.close();
      call = caller.call(callee).withAudio().connect();
      call.caller().addTrack(caller.localTrack("video").orElseThrow());
      call.callee().addTrack(callee.localTrack("video").orElseThrow());
      polite = caller;
    }
    call.glare(polite);
    PeerConnection politePc = polite == callee ? call.callee() : call.caller();
    assertThat(politePc).hasRolledBack();
    for (PeerConnection pc : List.of(call.caller(), call.callee())) {
      if (pc.signalingState() != SignalingState.STABLE) {
        throw new AssertionError(pc + " is " + pc.signalingState().webName() + " after the glare, not stable");
      }
      assertThat(pc).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    }
    return call;
  }

  /**
   * Three simulcast layers from a 1280x720 camera, seen in the sender's stats. Neither browser takes simulcast as a
   * receiver, so the answer is given the layers as an SFU's answer has them ({@link SignalHook#answerSimulcast()}).
   */
  private static Call simulcast(Peer caller, Peer callee) {
    Track camera = caller.getUserMedia(MediaConstraints.video(1280, 720)).get(0);
    List<Encoding> layers = List.of(Encoding.rid("q").withScaleResolutionDownBy(4), Encoding.rid("h").withScaleResolutionDownBy(2),
        Encoding.rid("f"));
    Call call = caller.call(callee).withHook(SignalHook.answerSimulcast()).withSetup(c -> c.caller().addTrack(camera, layers)).connect();
    assertThat(call.caller().localDescription().orElseThrow()).hasSimulcastLayers("video", "send", "q", "h", "f");
    // Firefox starts its top layer once its bandwidth estimate allows, seconds into the call.
    assertThat(call.caller()).sendsLayers(Duration.ofSeconds(30), "q", "h", "f");
    if (callee.browser().type() == BrowserType.CHROME) {
      call.callee().awaitInboundMedia("video", SOON); // Firefox receiving the layers sometimes decodes none: not asserted
    }
    call.caller().setEncodings(camera, List.of(Encoding.rid("h").withActive(false)));
    assertThat(call.caller()).stoppedSendingLayer("h", SOON).sendsLayers(SOON, "q", "f");
    return call;
  }

  /** scaleResolutionDownBy and maxBitrate set mid-call, seen in the sender's stats (the browsers scale what they adapted). */
  private static Call encodingParams(Peer caller, Peer callee) {
    Track camera = caller.getUserMedia(MediaConstraints.video(1280, 720)).get(0);
    Call call = caller.call(callee).withVideo().withReceiveOnlyCallee().connect();
    assertThat(call.callee()).hasVideoPlaying(SOON);
    call.caller().setEncodings(camera, List.of(Encoding.single().withScaleResolutionDownBy(4)));
    assertThat(call.caller()).sendsVideoNoLargerThan(320, 180, SOON);
    call.caller().setEncodings(camera, List.of(Encoding.single().withMaxBitrate(150_000)));
    assertThat(call.caller()).sendsVideoAtMost(150_000, Duration.ofSeconds(20));
    assertThat(call.callee()).hasVideoPlaying(SOON);
    return call;
  }

  /** DTMF on the caller's audio sender: its tonechange events, in order; the callee's audio keeps flowing. */
  private static Call dtmf(Peer caller, Peer callee) {
    Call call = caller.call(callee).withAudio().connect();
    assertThat(call.callee().localDescription().orElseThrow()).hasCodec("audio", "telephone-event");
    call.caller().insertDtmf(caller.localTrack("audio").orElseThrow(), "1234#*", Duration.ofMillis(100), Duration.ofMillis(70));
    call.caller().awaitTones("1234#*", SOON);
    assertThat(call.callee()).hasAudibleAudio(SOON);
    return call;
  }

  /**
   * A second video track for a shared screen, added then removed by renegotiation. Headless Firefox gives no screen
   * (getDisplayMedia wants a user gesture, and then finds none): its caller shares a synthetic canvas screen.
   */
  private static Call screenShare(Peer caller, Peer callee) {
    Call call = caller.call(callee).withAudio().withVideo().connect();
    Track screen = caller.browser().type() == BrowserType.CHROME ? caller.getDisplayMedia() : caller.syntheticScreen();
    call.caller().addTrack(screen);
    call.renegotiate();
    PeerEvent shown = call.callee().awaitEvent("the screen's video track",
        e -> e.is(EventKind.TRACK) && "video".equals(e.trackKind()) && !"1".equals(e.mid()), SOON);
    java.util.Map<String, Long> first = new java.util.HashMap<>();
    call.callee().sampleFor("both video streams (camera and " + screen.label() + ") growing", SOON).check(() -> {
      List<dev.callflow.stats.InboundRtpStats> streams = call.callee().getStats().inboundRtp("video");
      streams.forEach(v -> first.putIfAbsent(v.id(), v.bytesReceived().orElse(0)));
      return streams.size() == 2 && streams.stream().allMatch(v -> v.bytesReceived().orElse(0) > first.get(v.id()));
    }).orThrow();
    call.caller().removeTrack(screen);
    call.renegotiate();
    for (Transceiver t : call.callee().transceivers()) {
      if (shown.mid().equals(t.mid()) && t.currentDirection() != Direction.INACTIVE) {
        throw new AssertionError("the callee's screen transceiver is " + t.currentDirection() + " after removeTrack, not inactive");
      }
    }
    assertThat(call.callee()).hasVideoPlaying(SOON).hasAudibleAudio(SOON);
    return call;
  }
}
