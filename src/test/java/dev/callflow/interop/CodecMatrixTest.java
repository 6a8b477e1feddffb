package dev.callflow.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which cells a pair's codec lists give, without a browser: the lists are what the browsers answer. */
class CodecMatrixTest {
  private static final List<String> CHROME = List.of("video/VP8", "video/rtx", "video/VP9", "video/H264", "video/AV1", "video/red",
      "video/ulpfec", "video/flexfec-03", "audio/opus", "audio/red", "audio/G722", "audio/PCMU", "audio/PCMA", "audio/CN",
      "audio/telephone-event");
  private static final List<String> FIREFOX = List.of("video/vp8", "video/rtx", "video/VP9", "video/AV1", "video/ulpfec", "video/red",
      "audio/opus", "audio/G722", "audio/PCMU", "audio/PCMA", "audio/telephone-event");

  @Test
  void playsTheCodecsBothOfferInTheCallersOrderWithoutRtxRedOrFec() {
    assertThat(CodecMatrix.common("video", CHROME, FIREFOX)).containsExactly("video/VP8", "video/VP9", "video/AV1");
    assertThat(CodecMatrix.common("audio", CHROME, FIREFOX)).containsExactly("audio/opus", "audio/G722", "audio/PCMU", "audio/PCMA");
    assertThat(CodecMatrix.common("video", FIREFOX, CHROME)).containsExactly("video/vp8", "video/VP9", "video/AV1");
    assertThat(CodecMatrix.common("audio", CHROME, List.of())).isEmpty();
  }

  @Test
  void aCodecOnlyOneBrowserOffersIsANotOfferedCellNamingTheOther() {
    assertThat(CodecMatrix.notOffered("video", "chrome", CHROME, "firefox", FIREFOX))
        .containsExactly(CodecCell.notOffered("video", "video/H264", "firefox"));
    assertThat(CodecMatrix.notOffered("video", "firefox", FIREFOX, "chrome", CHROME))
        .containsExactly(CodecCell.notOffered("video", "video/H264", "firefox"));
    assertThat(CodecMatrix.notOffered("audio", "chrome", CHROME, "firefox", FIREFOX)).as("audio/red and CN go with a codec").isEmpty();
    assertThat(CodecMatrix.notOffered("video", "chrome", CHROME, "firefox", FIREFOX).get(0).outcome()).isEqualTo("not offered by firefox");
  }

  @Test
  void aCellSaysWhatWasNegotiatedAndWhatArrived() {
    assertThat(CodecCell.passed("video", "video/VP9", "video/VP9", "video/VP9").outcome()).isEqualTo("negotiated video/VP9, arrived video/VP9");
    assertThat(CodecCell.failed("video", "video/VP9", "video/VP8", "", "no video arrived").outcome())
        .isEqualTo("FAILED: negotiated video/VP8, arrived none");
    CodecCell first = CodecCell.passed("video", "video/AV1", "video/AV1", "video/AV1").withForcedFirst("the call did not connect: refused");
    assertThat(first.outcome()).isEqualTo("negotiated video/AV1, arrived video/AV1 (forced first)");
    assertThat(first.message()).isEqualTo("with only it the call failed: refused");
    assertThat(first.name()).isEqualTo("AV1");
    assertThat(first.delayText()).isEqualTo("—");
    assertThat(first.withMediaDelay(Duration.ofMillis(87)).delayText()).isEqualTo("87 ms");
  }
}
