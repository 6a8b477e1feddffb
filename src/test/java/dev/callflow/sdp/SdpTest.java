package dev.callflow.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SDP model on offers and answers captured from Chromium 156 and Firefox ESR 153 (src/test/resources/sdp). */
class SdpTest {
  static String resource(String name) {
    try (InputStream in = SdpTest.class.getResourceAsStream("/sdp/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"chrome-offer.sdp", "chrome-answer.sdp", "firefox-offer.sdp", "firefox-answer.sdp",
      "chrome-simulcast-offer.sdp", "firefox-simulcast-offer.sdp"})
  void roundTripsEveryCapturedDescription(String file) {
    String text = resource(file);
    Sdp sdp = Sdp.parse(text);

    assertThat(sdp.write()).isEqualTo(text.endsWith("\r\n") ? text : text + "\r\n");
    assertThat(Sdp.parse(sdp.write())).isEqualTo(sdp);
    assertThat(sdp.lines()).hasSize((int) text.lines().count());
  }

  @ParameterizedTest
  @ValueSource(strings = {"chrome-offer.sdp", "chrome-answer.sdp", "firefox-offer.sdp", "firefox-answer.sdp"})
  void keepsFormatParametersInTheOrderOfTheirLine(String file) {
    String text = resource(file);
    for (MediaSection m : Sdp.parse(text).media()) {
      for (Codec c : m.codecs()) {
        String line = text.lines().filter(l -> l.startsWith("a=fmtp:" + c.payloadType() + " ")).findFirst().orElse(null);
        if (line != null) {
          List<String> written = java.util.Arrays.stream(line.substring(line.indexOf(' ') + 1).split(";"))
              .map(p -> p.split("=", 2)[0].strip()).toList();
          assertThat(List.copyOf(c.fmtp().keySet())).as(line).isEqualTo(written);
        }
      }
    }
  }

  @Test
  void chromeOfferInDetail() {
    Sdp offer = Sdp.parse(resource("chrome-offer.sdp"));

    assertThat(offer.media()).extracting(MediaSection::kind).containsExactly("audio", "video", "application");
    assertThat(offer.bundle()).get().extracting(Group::mids).asList().containsExactly("0", "1", "2");
    MediaSection audio = offer.media("audio").get(0);
    assertThat(audio.mid()).contains("0");
    assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
    assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
    assertThat(audio.codecs().get(0)).satisfies(opus -> {
      assertThat(opus.name()).isEqualTo("opus");
      assertThat(opus.payloadType()).isEqualTo(111);
      assertThat(opus.clockRate()).isEqualTo(48000);
      assertThat(opus.channels()).isEqualTo(2);
      // In the order of the fmtp line: a regression that reorders parameters shows.
      assertThat(opus.fmtp()).containsExactly(Map.entry("minptime", "10"), Map.entry("useinbandfec", "1"));
      assertThat(opus.rtcpFeedback()).contains("transport-cc");
    });
    assertThat(audio.headerExtensions()).extracting(HeaderExtension::uri).contains("urn:ietf:params:rtp-hdrext:ssrc-audio-level");
    assertThat(audio.ssrcs()).isNotEmpty().allSatisfy(s -> assertThat(s.attributes()).containsKey("cname"));
    assertThat(audio.rtcpMux()).isTrue();
    assertThat(audio.iceUfrag()).isPresent();
    assertThat(audio.icePwd()).isPresent();
    assertThat(audio.iceOptions()).contains("trickle");
    assertThat(audio.setup()).contains("actpass");
    assertThat(offer.fingerprint()).get().extracting(Fingerprint::algorithm).isEqualTo("sha-256");

    MediaSection video = offer.media("video").get(0);
    assertThat(video.codecs()).extracting(Codec::name).contains("VP8", "rtx");
    assertThat(video.codec("vp8")).get().extracting(Codec::rtcpFeedback).asList().contains("nack", "nack pli", "goog-remb");
    assertThat(video.ssrcGroups()).extracting(SsrcGroup::semantics).containsExactly("FID");
    assertThat(video.ssrcGroups().get(0).ssrcs()).hasSize(2);

    MediaSection data = offer.media("application").get(0);
    assertThat(data.protocol()).isEqualTo("UDP/DTLS/SCTP");
    assertThat(data.formats()).containsExactly("webrtc-datachannel");
    assertThat(data.sctpPort()).hasValue(5000);
    assertThat(data.maxMessageSize()).isPresent();

    Candidate first = audio.candidates().get(0);
    assertThat(first.component()).isEqualTo(1);
    assertThat(first.transport()).isEqualTo("udp");
    assertThat(first.type()).isEqualTo("host");
    assertThat(first.isLoopback()).isTrue();
    assertThat(first.extensions()).containsEntry("generation", "0");
    assertThat(offer.candidates()).anyMatch(c -> "active".equals(c.tcpType()));
  }

  @Test
  void firefoxOfferAndAnswerInDetail() {
    Sdp offer = Sdp.parse(resource("firefox-offer.sdp"));
    assertThat(offer.origin()).get().asString().startsWith("mozilla...THIS_IS_SDPARTA");
    assertThat(offer.fingerprint()).get().extracting(Fingerprint::algorithm).isEqualTo("sha-256");
    assertThat(offer.media("audio").get(0).codecs().get(0).name()).isEqualTo("opus");
    assertThat(offer.media("video").get(0).codecs()).extracting(Codec::name).contains("VP8", "VP9");
    assertThat(offer.candidates()).anyMatch(c -> c.component() == 2);

    Sdp answer = Sdp.parse(resource("firefox-answer.sdp"));
    assertThat(answer.setup()).hasValueSatisfying(s -> assertThat(s).isIn("active", "passive"));
    assertThat(answer.media()).hasSize(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"chrome-simulcast-offer.sdp", "firefox-simulcast-offer.sdp"})
  void simulcastRids(String file) {
    MediaSection video = Sdp.parse(resource(file)).media("video").get(0);

    assertThat(video.rids()).extracting(Rid::id).containsExactly("q", "h", "f");
    assertThat(video.rids()).extracting(Rid::direction).containsOnly("send");
    assertThat(video.simulcast()).get().asString().contains("q;h;f");
    assertThat(video.direction()).isEqualTo(Direction.SENDONLY);
  }

  @Test
  void keepsUnknownLines() {
    String text = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=x-vendor-thing:42\r\n"
        + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=rtpmap:111 opus/48000/2\r\na=x-custom\r\nz=unknown line type\r\n";
    Sdp sdp = Sdp.parse(text);

    assertThat(sdp.write()).isEqualTo(text);
    assertThat(sdp.attribute("x-vendor-thing")).contains("42");
    assertThat(sdp.media().get(0).hasFlag("x-custom")).isTrue();
    assertThat(sdp.direction()).isEqualTo(Direction.SENDRECV);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing version     | o=- 1 1 IN IP4 127.0.0.1                                          | 1 | an SDP starts with 'v=0'",
      "no equals sign      | v=0\\nthis is not sdp                                             | 2 | a line is '<letter>=<value>'",
      "bad m-line          | v=0\\nm=audio nine UDP 111                                        | 2 | an m= line is",
      "bad rtpmap          | v=0\\nm=audio 9 RTP/AVP 111\\na=rtpmap:111 opus                   | 3 | a=rtpmap is",
      "bad candidate       | v=0\\nm=audio 9 RTP/AVP 0\\na=candidate:1 1 udp x 127.0.0.1 5 typ host | 3 | priority is a number",
      "short candidate     | v=0\\nm=audio 9 RTP/AVP 0\\na=candidate:1 1 udp 5                 | 3 | a candidate needs",
      "bad fingerprint     | v=0\\na=fingerprint:sha-256 not-hex                              | 2 | a=fingerprint is",
      "bad extmap          | v=0\\nm=audio 9 RTP/AVP 0\\na=extmap:one urn:x                   | 3 | a=extmap is",
      "bad ssrc-group      | v=0\\nm=video 9 RTP/AVP 96\\na=ssrc-group:FID abc                | 3 | a=ssrc-group is",
      "bad sctp port       | v=0\\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\\na=sctp-port:x | 3 | a=sctp-port is a number",
      "empty line inside   | v=0\\n\\ns=-                                                      | 2 | empty line inside the SDP"})
  void malformedInputNamesTheLine(String title, String text, int line, String problem) {
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> Sdp.parse(text.replace("\\n", "\r\n")));

    assertThat(e.lineNumber()).isEqualTo(line);
    assertThat(e.getMessage()).startsWith("Invalid SDP at line " + line + ": ").contains(problem);
    if (line > 0) {
      assertThat(e.getMessage()).endsWith("\n  " + line + ": " + e.line());
    }
  }

  @Test
  void emptyInput() {
    assertThat(catchThrowableOfType(SdpParseException.class, () -> Sdp.parse(" ")).getMessage())
        .isEqualTo("Invalid SDP at line 0: the SDP is empty");
  }
}
