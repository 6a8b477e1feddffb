package dev.callflow.sdp;

import static dev.callflow.assertions.CallflowAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SdpBaselineTest {
  private static final Sdp CHROME = Sdp.parse(SdpTest.resource("chrome-offer.sdp"));
  private static final Sdp FIREFOX = Sdp.parse(SdpTest.resource("firefox-answer.sdp"));

  @Test
  void normalizationRemovesPerRunValuesAndKeepsTheRest() {
    for (Sdp sdp : new Sdp[] {CHROME, FIREFOX}) {
      String normal = SdpNormalizer.normalize(sdp);
      org.assertj.core.api.Assertions.assertThat(normal)
          .doesNotContain(sdp.iceUfrag().orElseThrow(), sdp.icePwd().orElseThrow(), sdp.fingerprint().orElseThrow().value())
          .doesNotContain("a=candidate:", "127.0.0.1", sdp.origin().orElseThrow())
          .contains("a=ice-ufrag:<ice-ufrag>", "a=fingerprint:sha-256 00", "m=audio 9 ", "a=rtpmap:")
          .doesNotContainPattern("a=ssrc:\\d{3,}");
      org.assertj.core.api.Assertions.assertThat(SdpNormalizer.normalize(Sdp.parse(normal))).isEqualTo(normal);
    }
  }

  @Test
  void diffsInWords() {
    Sdp base = Sdp.parse(SdpNormalizer.normalize(CHROME));
    String text = base.write();
    Sdp changed = Sdp.parse(text
        .replace("m=video 9 UDP/TLS/RTP/SAVPF 96 97 ", "m=video 9 UDP/TLS/RTP/SAVPF 97 96 ")
        .replaceAll("a=rtpmap:(\\d+) VP9/90000\r\n", "")
        .replace("a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n", "")
        .replaceFirst("a=sendrecv", "a=recvonly"));

    org.assertj.core.api.Assertions.assertThat(SdpDiff.between("offer", base, changed))
        .contains("offer m=video (mid 1): codec VP9/90000 disappeared",
            "offer m=audio (mid 0): header extension urn:ietf:params:rtp-hdrext:ssrc-audio-level disappeared",
            "offer m=audio (mid 0): direction changed from sendrecv to recvonly")
        .anyMatch(d -> d.startsWith("offer m=video (mid 1): line 'm=video") || d.contains("codec order changed"));
    org.assertj.core.api.Assertions.assertThat(SdpDiff.between("offer", base, base)).isEmpty();
  }

  @Test
  void matchesBaselineWritesThenCompares(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("chrome/offer.sdp");
    assertThat(CHROME).matchesBaseline(file);
    org.assertj.core.api.Assertions.assertThat(Files.readString(file)).isEqualTo(SdpNormalizer.normalize(CHROME));
    assertThat(CHROME).matchesBaseline(file);

    Sdp withoutOpus = Sdp.parse(CHROME.write().replace("a=rtpmap:111 opus/48000/2\r\n", ""));
    assertThatThrownBy(() -> assertThat(withoutOpus).matchesBaseline(file)).hasMessage(String.format(
        "%nExpecting the SDP to negotiate as the baseline %s, but:%n  sdp m=audio (mid 0): codec opus/48000 disappeared%n"
            + "(run with -Dcallflow.baseline.update=true to accept the new negotiation)", file));
  }
}
