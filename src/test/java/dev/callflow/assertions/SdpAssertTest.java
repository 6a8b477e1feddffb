package dev.callflow.assertions;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.callflow.sdp.Direction;
import dev.callflow.sdp.Sdp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.assertj.core.error.AssertJMultipleFailuresError;
import org.junit.jupiter.api.Test;

/** Every SDP assertion, passing on a captured Chrome offer and failing with its pinned message. */
class SdpAssertTest {
  private static final String MINI = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n"
      + "a=group:BUNDLE 0\r\n"
      + "m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n"
      + "a=mid:0\r\na=sendonly\r\n"
      + "a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n"
      + "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n"
      + "a=fingerprint:sha-1 AB:CD\r\n"
      + "a=candidate:1 1 udp 1 127.0.0.1 5000 typ host\r\n"
      + "m=video 9 UDP/TLS/RTP/SAVPF 96\r\n"
      + "a=mid:1\r\na=rtpmap:96 VP8/90000\r\n";

  private static Sdp chromeOffer() {
    try (InputStream in = SdpAssertTest.class.getResourceAsStream("/sdp/chrome-offer.sdp")) {
      return Sdp.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void passesOnARealOffer() {
    assertThat(chromeOffer())
        .hasMediaOfKind("audio").hasMediaOfKind("video").hasDataChannel()
        .hasCodec("audio", "opus").hasCodec("video", "vp8").doesNotHaveCodec("audio", "AMR-WB")
        .hasCodecsInOrder("audio", "opus", "PCMU").hasCodecsInOrder("video", "VP8", "H264")
        .hasDirection("audio", Direction.SENDRECV).isBundled()
        .hasCandidatesOfType("host").hasFingerprintAlgorithm("sha-256")
        .hasHeaderExtension("audio", "urn:ietf:params:rtp-hdrext:ssrc-audio-level");
  }

  @Test
  void mediaKindMessages() {
    Sdp sdp = Sdp.parse(MINI);
    assertThatThrownBy(() -> assertThat(sdp).hasMediaOfKind("application")).hasMessage(String.format(
        "%nExpecting the SDP to have a media section of kind \"application\", but its m= lines are:%n"
            + "  6: m=audio 9 UDP/TLS/RTP/SAVPF 111 0%n  14: m=video 9 UDP/TLS/RTP/SAVPF 96"));
    assertThatThrownBy(() -> assertThat(sdp).hasNoMediaOfKind("video")).hasMessage(String.format(
        "%nExpecting the SDP to have no media section of kind \"video\", but it has:%n"
            + "  6: m=audio 9 UDP/TLS/RTP/SAVPF 111 0%n  14: m=video 9 UDP/TLS/RTP/SAVPF 96"));
  }

  @Test
  void codecMessagesQuoteTheLines() {
    Sdp sdp = Sdp.parse(MINI);
    assertThatThrownBy(() -> assertThat(sdp).hasCodec("audio", "G722")).hasMessage(String.format(
        "%nExpecting the audio section to offer codec \"G722\", but it offers only:%n"
            + "  6: m=audio 9 UDP/TLS/RTP/SAVPF 111 0%n  9: a=rtpmap:111 opus/48000/2%n  10: a=rtpmap:0 PCMU/8000"));
    assertThatThrownBy(() -> assertThat(sdp).doesNotHaveCodec("audio", "pcmu")).hasMessage(String.format(
        "%nExpecting the audio section not to offer codec \"pcmu\", but it does:%n"
            + "  6: m=audio 9 UDP/TLS/RTP/SAVPF 111 0%n  10: a=rtpmap:0 PCMU/8000"));
    assertThatThrownBy(() -> assertThat(sdp).hasCodecsInOrder("audio", "PCMU", "opus")).hasMessage(String.format(
        "%nExpecting the audio section to prefer codecs in the order%n  [\"PCMU\", \"opus\"]%nbut their order is%n"
            + "  [\"opus\", \"PCMU\"]%n  6: m=audio 9 UDP/TLS/RTP/SAVPF 111 0%n  9: a=rtpmap:111 opus/48000/2%n  10: a=rtpmap:0 PCMU/8000"));
  }

  @Test
  void directionBundleCandidateFingerprintAndExtensionMessages() {
    Sdp sdp = Sdp.parse(MINI);
    assertThatThrownBy(() -> assertThat(sdp).hasDirection("audio", Direction.RECVONLY)).hasMessage(String.format(
        "%nExpecting m=audio (mid 0) to have direction \"recvonly\", but it is \"sendonly\":%n"
            + "  6: m=audio 9 UDP/TLS/RTP/SAVPF 111 0%n  8: a=sendonly"));
    assertThatThrownBy(() -> assertThat(sdp).isBundled()).hasMessage(String.format(
        "%nExpecting the SDP to bundle all its media sections [\"0\", \"1\"] in one a=group:BUNDLE, but its group lines are:%n"
            + "  5: a=group:BUNDLE 0"));
    assertThatThrownBy(() -> assertThat(sdp).hasCandidatesOfType("relay")).hasMessage(String.format(
        "%nExpecting the SDP to have a candidate of type \"relay\", but its candidates are:%n"
            + "  13: a=candidate:1 1 udp 1 127.0.0.1 5000 typ host"));
    assertThatThrownBy(() -> assertThat(sdp).hasFingerprintAlgorithm("sha-256")).hasMessage(String.format(
        "%nExpecting the DTLS fingerprint to use \"sha-256\", but the fingerprint lines are:%n  12: a=fingerprint:sha-1 AB:CD"));
    assertThatThrownBy(() -> assertThat(sdp).hasHeaderExtension("video", "urn:ietf:params:rtp-hdrext:sdes:mid")).hasMessage(
        String.format("%nExpecting the video section to have header extension \"urn:ietf:params:rtp-hdrext:sdes:mid\","
            + " but its extmap lines are:%n  14: m=video 9 UDP/TLS/RTP/SAVPF 96"));
  }

  @Test
  void softAssertionsCollectEveryFailure() {
    CallflowSoftAssertions softly = new CallflowSoftAssertions();
    Sdp sdp = Sdp.parse(MINI);
    softly.assertThat(sdp).hasCodec("audio", "G722");
    softly.assertThat(sdp).hasCodec("audio", "opus");
    softly.assertThat(sdp).isBundled();
    softly.assertThat(dev.callflow.peer.SessionDescription.offer(MINI)).hasCodec("video", "VP8");

    assertThatThrownBy(softly::assertAll).isInstanceOf(AssertJMultipleFailuresError.class)
        .hasMessageContaining("Multiple Failures (2 failures)")
        .hasMessageContaining("to offer codec \"G722\"")
        .hasMessageContaining("to bundle all its media sections");
  }
}
