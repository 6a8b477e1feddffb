package dev.callflow.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs that fuzzing found to break the parser (issue "Hostile SDP"). Each must end in an
 * {@link SdpParseException} that names the line, never in another exception.
 */
class SdpHostileInputTest {
  /** Four session lines, so the first line a test adds is line 5. */
  private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

  /** Parses {@link #HEAD} plus {@code lines} ({@code \n} between them) and expects a rejection of {@code line}. */
  static SdpParseException rejected(String lines, int line, String problem) {
    String text = HEAD + lines.replace("\\n", "\r\n") + "\r\n";
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> Sdp.parse(text));

    assertThat(e).as("SdpParseException for%n%s", text).isNotNull();
    assertThat(e.lineNumber()).isEqualTo(line);
    assertThat(e.line()).isEqualTo(text.split("\r\n")[line - 1]);
    assertThat(e.getMessage()).startsWith("Invalid SDP at line " + line + ": ").contains(problem);
    return e;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "m= port overflow       | m=audio 99999999999 RTP/AVP 0                          | 5 | the port is a number from 0 to 65535, not '99999999999'",
      "m= port above 65535    | m=audio 65536 RTP/AVP 0                                | 5 | the port is a number from 0 to 65535",
      "m= port count zero     | m=audio 9/0 RTP/AVP 0                                  | 5 | the port count is a number from 1 to 65535",
      "m= format overflow     | m=audio 9 RTP/AVP 0 99999999999                        | 5 | a payload type is a number from 0 to 127",
      "m= format above 127    | m=audio 9 RTP/AVP 128                                  | 5 | a payload type is a number from 0 to 127",
      "m= format not a number | m=audio 9 UDP/TLS/RTP/SAVPF 111 x                      | 5 | a payload type is a number from 0 to 127, not 'x'",
      "rtpmap pt overflow     | m=audio 9 RTP/AVP 0\\na=rtpmap:99999999999 opus/48000/2 | 6 | a payload type is a number from 0 to 127",
      "rtpmap clock overflow  | m=audio 9 RTP/AVP 0\\na=rtpmap:0 PCMU/99999999999       | 6 | the clock rate is a number from 1 to 2147483647",
      "rtpmap clock zero      | m=audio 9 RTP/AVP 0\\na=rtpmap:0 PCMU/0                 | 6 | the clock rate is a number from 1 to 2147483647",
      "rtpmap channels        | m=audio 9 RTP/AVP 0\\na=rtpmap:0 PCMU/8000/99999999999  | 6 | the channel count is a number from 1 to 2147483647",
      "fmtp pt overflow       | m=audio 9 RTP/AVP 0\\na=fmtp:99999999999 x=1            | 6 | a payload type is a number from 0 to 127",
      "rtcp-fb pt above 127   | m=audio 9 RTP/AVP 0\\na=rtcp-fb:300 nack                | 6 | a payload type is a number from 0 to 127",
      "extmap id overflow     | m=audio 9 RTP/AVP 0\\na=extmap:99999999999 urn:x        | 6 | the extension id is a number from 1 to 4351",
      "extmap id zero         | m=audio 9 RTP/AVP 0\\na=extmap:0 urn:x                  | 6 | the extension id is a number from 1 to 4351",
      "ssrc overflow          | m=audio 9 RTP/AVP 0\\na=ssrc:99999999999999999999 cname:x | 6 | an SSRC is a number from 0 to 4294967295",
      "ssrc above 32 bits     | m=audio 9 RTP/AVP 0\\na=ssrc:4294967296 cname:x          | 6 | an SSRC is a number from 0 to 4294967295",
      "ssrc-group overflow    | m=video 9 RTP/AVP 96\\na=ssrc-group:FID 1 99999999999999999999 | 6 | an SSRC is a number from 0 to 4294967295",
      "candidate negative     | m=audio 9 RTP/AVP 0\\na=candidate:1 1 udp 5 127.0.0.1 -5 typ host | 6 | the candidate's port is a number from 0 to 65535, not '-5'",
      "candidate port 70000   | m=audio 9 RTP/AVP 0\\na=candidate:1 1 udp 5 127.0.0.1 70000 typ host | 6 | the candidate's port is a number from 0 to 65535",
      "candidate other digits | m=audio 9 RTP/AVP 0\\na=candidate:1 1 udp 5 127.0.0.1 \u0661\u0662 typ host | 6 | the candidate's port is a number",
      "candidate plus sign    | m=audio 9 RTP/AVP 0\\na=candidate:1 +1 udp 5 127.0.0.1 9 typ host | 6 | the candidate's component is a number from 1 to 256",
      "candidate priority     | m=audio 9 RTP/AVP 0\\na=candidate:1 1 udp 99999999999999999999 127.0.0.1 9 typ host | 6 | the candidate's priority is a number from 0 to 4294967295",
      "candidate rport        | m=audio 9 RTP/AVP 0\\na=candidate:1 1 udp 5 1.2.3.4 9 typ srflx raddr 0.0.0.0 rport 99999999999 | 6 | the candidate's related port is a number from 0 to 65535"})
  void numbersOutsideTheirFieldNameTheLine(String title, String lines, int line, String problem) {
    rejected(lines, line, problem);
  }

  @ParameterizedTest
  @ValueSource(ints = {2000, 50_000})
  void longRepeatedFieldsParseWithoutOverflowingTheStack(int n) {
    String text = HEAD + "m=video 9 UDP/TLS/RTP/SAVPF" + " 96".repeat(n) + "\r\na=rtpmap:96 VP8/90000\r\n"
        + "a=ssrc-group:SIM" + " 1".repeat(n) + "\r\na=fingerprint:sha-256 AB" + ":CD".repeat(n) + "\r\n";

    MediaSection video = Sdp.parse(text).media().get(0);

    assertThat(video.formats()).hasSize(n);
    assertThat(video.codecs()).hasSize(n);
    assertThat(video.ssrcGroups().get(0).ssrcs()).hasSize(n);
    assertThat(video.fingerprint().orElseThrow().value()).hasSize(3 * n + 2);
  }

  @Test
  void aBadTokenAtTheEndOfALongLineNamesTheLine() {
    rejected("m=video 9 UDP/TLS/RTP/SAVPF" + " 96".repeat(50_000) + " x", 5, "a payload type is a number from 0 to 127, not 'x'");
    rejected("m=video 9 RTP/AVP 96\\na=ssrc-group:SIM" + " 1".repeat(50_000) + " x", 6, "a=ssrc-group is '<semantics> <ssrc> ...'");
    rejected("a=fingerprint:sha-256 AB" + ":CD".repeat(50_000) + ":X", 5, "a=fingerprint is");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "sctp-port overflow  | a=sctp-port:99999999999                 | a=sctp-port is a number from 0 to 65535, not '99999999999'",
      "sctp-port too big   | a=sctp-port:65536                       | a=sctp-port is a number from 0 to 65535",
      "sctp-port negative  | a=sctp-port:-1                          | a=sctp-port is a number from 0 to 65535, not '-1'",
      "sctp-port empty     | a=sctp-port:                            | a=sctp-port is a number from 0 to 65535, not ''",
      "max-message-size    | a=max-message-size:99999999999999999999 | a=max-message-size is a number from 0 to 9223372036854775807"})
  void dataChannelNumbersAreReadWhenParsing(String title, String attribute, String problem) {
    rejected("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\\n" + attribute, 6, problem);
  }

  @Test
  void dataChannelAccessorsGiveTheFirstValue() {
    MediaSection data = Sdp.parse(HEAD + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n"
        + "a=sctp-port:5000\r\na=sctp-port:5001\r\na=max-message-size:9223372036854775807\r\n").media().get(0);

    assertThat(data.sctpPort()).hasValue(5000);
    assertThat(data.maxMessageSize()).hasValue(Long.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=msid-semantic", "a=msid-semantic:", "a=msid-semantic:  "})
  void msidSemanticWithoutValueNamesTheLine(String line) {
    rejected(line, 5, "a=msid-semantic is '<semantics> [<stream id> ...]'");
  }

  @Test
  void normalizationKeepsFlagFormsOfAttributesItRewrites() {
    String text = HEAD + "a=msid-semantic: WMS\r\na=ssrc\r\na=ssrc-group\r\na=ice-ufrag\r\na=rtcp\r\na=msid\r\n"
        + "m=audio 9 RTP/AVP 0\r\na=end-of-candidates\r\na=ice-pwd\r\n";

    String normal = SdpNormalizer.normalize(Sdp.parse(text));

    assertThat(normal).isEqualTo(HEAD.replace("o=- 1 1 IN IP4 127.0.0.1", "o=- 0 0 IN IP4 0.0.0.0")
        + "a=msid-semantic:WMS\r\na=ssrc\r\na=ssrc-group\r\na=ice-ufrag\r\na=rtcp\r\na=msid\r\n"
        + "m=audio 9 RTP/AVP 0\r\na=ice-pwd\r\n");
    assertThat(SdpNormalizer.normalize(Sdp.parse(normal))).isEqualTo(normal);
  }

  @Test
  void crOnlyLineEndsNameTheFirstLine() {
    String text = HEAD.replace("\r\n", "\r");
    SdpParseException e = catchThrowableOfType(SdpParseException.class, () -> Sdp.parse(text));

    assertThat(e.lineNumber()).isEqualTo(1);
    assertThat(e.line()).isEqualTo(text);
    assertThat(e.getMessage()).isEqualTo("Invalid SDP at line 1: a CR not followed by LF (lines end with CRLF or LF)"
        + "\n  1: v=0\\ro=- 1 1 IN IP4 127.0.0.1\\rs=-\\rt=0 0\\r");
  }

  @Test
  void controlCharactersInsideALineNameTheLineEscaped() {
    assertThat(rejected("a=x\ry", 5, "a CR not followed by LF").getMessage()).endsWith("\n  5: a=x\\ry");
    assertThat(rejected("a=x\0y", 5, "a NUL character").getMessage()).endsWith("\n  5: a=x\\u0000y");
    assertThat(rejected("a=x\u0001\ty\u2028\\nbad", 6, "a line is '<letter>=<value>'").getMessage()).endsWith("\n  6: bad");
  }

  @Test
  void otherCharactersAreKeptAsWritten() {
    String text = HEAD + "a=x-\u0001\ty\u2028\u00e9\ud83d\ude00\r\n";

    assertThat(Sdp.parse(text).write()).isEqualTo(text);
    assertThat(Sdp.parse(text.replace("\r\n", "\n")).write()).isEqualTo(text);
  }

  @Test
  void lineSeparatorsOtherThanCrAndLfAreOrdinaryCharacters() {
    String text = HEAD + "m=audio 9 RTP/AVP 0\r\na=ssrc:1 c\u2028name:x\u0085y\r\na=rid:q send max-br=1\u2029\r\n";

    MediaSection audio = Sdp.parse(text).media().get(0);

    assertThat(audio.ssrcs().get(0).attributes()).containsEntry("c\u2028name", "x\u0085y");
    assertThat(audio.rids().get(0).parameters()).isEqualTo("max-br=1\u2029");
    String normal = SdpNormalizer.normalize(Sdp.parse(text));
    assertThat(normal).contains("a=ssrc:1 c\u2028name:<c\u2028name>\r\n");
    assertThat(SdpNormalizer.normalize(Sdp.parse(normal))).isEqualTo(normal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=msid-semantic:WM\t *", "a=msid-semantic: \tWMS", "a=msid-semantic:\u0001 WMS"})
  void normalizingTwiceChangesNothing(String line) {
    String normal = SdpNormalizer.normalize(Sdp.parse(HEAD + line + "\r\n"));

    assertThat(SdpNormalizer.normalize(Sdp.parse(normal))).isEqualTo(normal);
  }
}
