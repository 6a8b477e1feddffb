package dev.callflow.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.assertions.CallflowAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** a=simulcast (RFC 8853) parsed, on the captured simulcast offers of Chromium 156 and Firefox ESR 153 and on hand-made values. */
class SimulcastSdpTest {
  @ParameterizedTest
  @ValueSource(strings = {"chrome-simulcast-offer.sdp", "firefox-simulcast-offer.sdp"})
  void capturedOffersSendThreeLayers(String file) {
    Sdp offer = Sdp.parse(SdpTest.resource(file));
    Simulcast simulcast = Simulcast.of(offer.media("video").get(0)).orElseThrow();

    assertThat(simulcast.sendRids()).containsExactly("q", "h", "f");
    assertThat(simulcast.recv()).isEmpty();
    assertThat(simulcast.send()).allSatisfy(stream -> assertThat(stream).singleElement().extracting(Simulcast.Layer::paused).isEqualTo(false));
    assertThat(simulcast).hasToString("send q;h;f");
    CallflowAssertions.assertThat(offer).hasSimulcastLayers("video", "send", "q", "h", "f");
  }

  @Test
  void aSectionWithoutSimulcastHasNone() {
    Sdp answer = Sdp.parse(SdpTest.resource("chrome-answer.sdp"));
    assertThat(answer.media()).allSatisfy(m -> assertThat(Simulcast.of(m)).isEmpty());
  }

  @Test
  void bothDirectionsAlternativesAndPausedLayers() {
    Simulcast s = Simulcast.parse("send q;h;~f recv r0,r1");

    assertThat(s.sendRids()).containsExactly("q", "h", "f");
    assertThat(s.send().get(2)).containsExactly(new Simulcast.Layer("f", true));
    assertThat(s.recv()).containsExactly(java.util.List.of(new Simulcast.Layer("r0", false), new Simulcast.Layer("r1", false)));
    assertThat(s.recvRids()).containsExactly("r0");
    assertThat(s).hasToString("send q;h;~f recv r0,r1");
    assertThat(Simulcast.parse("recv a;b")).isEqualTo(new Simulcast(java.util.List.of(),
        java.util.List.of(java.util.List.of(new Simulcast.Layer("a", false)), java.util.List.of(new Simulcast.Layer("b", false)))));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '#', value = {
      "send#a=simulcast is 'send|recv <streams>' once or twice (RFC 8853), not 'send'",
      "sideways q#a=simulcast direction is 'send' or 'recv', not 'sideways'",
      "send q;;f#a=simulcast has a stream '' whose rid '' is not letters, digits, '-' or '_' with an optional '~' before: 'send q;;f'",
      "send q recv h send f#a=simulcast is 'send|recv <streams>' once or twice (RFC 8853), not 'send q recv h send f'",
      "send q send h#a=simulcast names 'send' twice: 'send q send h'",
      "recv q!#a=simulcast has a stream 'q!' whose rid 'q!' is not letters, digits, '-' or '_' with an optional '~' before: 'recv q!'"})
  void aBadValueIsNamed(String value, String message) {
    IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> Simulcast.parse(value));
    assertThat(e).hasMessage(message);
  }

  @Test
  void aBadAttributeInAnSdpNamesItsLine() {
    String text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=simulcast:send q;;f\r\n";
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> Simulcast.of(Sdp.parse(text).media("video").get(0)));
    assertThat(e.lineNumber()).isEqualTo(7);
    assertThat(e).hasMessageStartingWith("Invalid SDP at line 7: a=simulcast has a stream ''").hasMessageEndingWith("7: a=simulcast:send q;;f");
  }

  @Test
  void theAssertionQuotesTheLinesWhenTheLayersDiffer() {
    Sdp offer = Sdp.parse(SdpTest.resource("chrome-simulcast-offer.sdp"));
    AssertionError wrongOrder = catchThrowableOfType(AssertionError.class,
        () -> CallflowAssertions.assertThat(offer).hasSimulcastLayers("video", "send", "f", "h", "q"));
    assertThat(wrongOrder).hasMessage(String.format("%nExpecting m=video (mid 0) to send the simulcast layers [\"f\", \"h\", \"q\"]"
        + " (a=simulcast:send and an a=rid line each), but its a=simulcast send names [q, h, f]:%n"
        + "  8: m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120%n"
        + "  128: a=rid:q send%n  129: a=rid:h send%n  130: a=rid:f send%n  131: a=simulcast:send q;h;f"));
    AssertionError none = catchThrowableOfType(AssertionError.class,
        () -> CallflowAssertions.assertThat(Sdp.parse(SdpTest.resource("chrome-answer.sdp"))).hasSimulcastLayers("video", "recv", "q"));
    assertThat(none).hasMessageContaining("to recv the simulcast layers [\"q\"] (a=simulcast:recv and an a=rid line each), but it has no a=simulcast:");
  }
}
