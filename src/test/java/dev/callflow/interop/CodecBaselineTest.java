package dev.callflow.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pair's cells kept and compared: a changed, new or gone cell is a change, an equal one is not. */
class CodecBaselineTest {
  private static final CodecCell VP9 = CodecCell.passed("video", "video/VP9", "video/VP9", "video/VP9");
  private static final CodecCell OPUS = CodecCell.passed("audio", "audio/opus", "audio/opus", "audio/opus");
  private static final CodecCell H264 = CodecCell.notOffered("video", "video/H264", "firefox");

  @Test
  void savedCellsLoadBackWithTheirOutcome(@TempDir Path dir) {
    Path file = dir.resolve("baseline/codecs/chrome-firefox.codecs.json");
    List<CodecCell> cells = List.of(H264, VP9.withForcedFirst("refused"), OPUS);

    CodecBaseline.save(file, cells);

    assertThat(CodecBaseline.load(file)).isEqualTo(cells);
    assertThat(CodecBaseline.changes(CodecBaseline.load(file), cells)).isEmpty();
  }

  @Test
  void aFallbackANewCodecAndAGoneOneAreChanges() {
    CodecCell fellBack = CodecCell.failed("video", "video/VP9", "video/VP8", "video/VP8", "the answer negotiated video/VP8");
    CodecCell av1 = CodecCell.passed("video", "video/AV1", "video/AV1", "video/AV1");
    List<CodecCell> now = List.of(fellBack, OPUS, av1);

    assertThat(CodecBaseline.changes(List.of(VP9, OPUS, H264), now)).containsExactly(
        "codec video/VP9: was 'negotiated video/VP9, arrived video/VP9', now 'FAILED: negotiated video/VP8, arrived video/VP8'",
        "codec video/AV1: new, 'negotiated video/AV1, arrived video/AV1' (not in the baseline)",
        "codec video/H264: was 'not offered by firefox', now not in the matrix (neither browser offers it)");
    assertThat(CodecBaseline.compare(List.of(VP9, OPUS, H264), now)).extracting(CodecCell::baselineChange)
        .containsExactly("was 'negotiated video/VP9, arrived video/VP9'", "", "new: not in the baseline");
  }

  @Test
  void aFileThatIsNoCodecBaselineSaysWhatIsWrong(@TempDir Path dir) throws Exception {
    Path notJson = Files.writeString(dir.resolve("a.json"), "v=0");
    assertThatThrownBy(() -> CodecBaseline.load(notJson)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the codec baseline " + notJson + " is not JSON");
    Path object = Files.writeString(dir.resolve("b.json"), "{}");
    assertThatThrownBy(() -> CodecBaseline.load(object)).hasMessage("the codec baseline " + object + " is not a list of cells");
    Path noStatus = Files.writeString(dir.resolve("c.json"), "[{\"codec\":\"video/VP9\",\"status\":\"GOOD\"}]");
    assertThatThrownBy(() -> CodecBaseline.load(noStatus)).hasMessageStartingWith("the codec baseline " + noStatus + " has a cell without a codec or status");
  }
}
