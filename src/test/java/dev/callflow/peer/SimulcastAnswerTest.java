package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.assertions.CallflowAssertions;
import dev.callflow.sdp.Sdp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SignalHook.answerSimulcast() on the captured simulcast offers and answers made by hand. */
class SimulcastAnswerTest {
  private static final String ANSWER = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n"
      + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\na=recvonly\r\na=rtpmap:96 VP8/90000\r\n";

  private static String resource(String name) throws IOException {
    try (InputStream in = SimulcastAnswerTest.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String answered(SignalHook hook, String answer) {
    return hook.apply(new Signal(Signal.Kind.ANSWER, "bob", "alice", answer)).textFor(new Signal(Signal.Kind.ANSWER, "bob", "alice", answer));
  }

  @Test
  void theAnswerTakesTheOfferedLayersAndTheRidExtension() throws IOException {
    SignalHook hook = SignalHook.answerSimulcast();
    Signal offer = new Signal(Signal.Kind.OFFER, "alice", "bob", resource("chrome-simulcast-offer.sdp"));
    assertThat(hook.apply(offer).textFor(offer)).isEqualTo(offer.text());

    String answer = answered(hook, ANSWER);

    assertThat(answer).isEqualTo(ANSWER + "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id\r\n"
        + "a=rid:q recv\r\na=rid:h recv\r\na=rid:f recv\r\na=simulcast:recv q;h;f\r\n");
    CallflowAssertions.assertThat(Sdp.parse(answer)).hasSimulcastLayers("video", "recv", "q", "h", "f");
  }

  @Test
  void anAnswerWithSimulcastOrToAnOfferWithoutItPassesAsItIs() throws IOException {
    SignalHook hook = SignalHook.answerSimulcast();
    assertThat(answered(hook, ANSWER)).isEqualTo(ANSWER);
    hook.apply(new Signal(Signal.Kind.OFFER, "alice", "bob", resource("firefox-simulcast-offer.sdp")));
    String withSimulcast = ANSWER + "a=rid:q recv\r\na=simulcast:recv q\r\n";
    assertThat(answered(hook, withSimulcast)).isEqualTo(withSimulcast);
    hook.apply(new Signal(Signal.Kind.OFFER, "alice", "bob", resource("chrome-offer.sdp")));
    assertThat(answered(hook, ANSWER)).isEqualTo(ANSWER);
  }
}
