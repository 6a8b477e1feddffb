package dev.callflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every report page writes the same way: times, durations and links. */
class HtmlTest {
  @Test
  void timesAndDurationsForPeople() {
    assertThat(Html.when(Instant.parse("2026-11-30T03:12:45Z"))).isEqualTo("30 Nov 2026, 03:12 UTC");
    assertThat(Html.duration(850)).isEqualTo("850 ms");
    assertThat(Html.duration(15_800)).isEqualTo("15.8 s");
    assertThat(Html.duration(125_000)).isEqualTo("2 min 5 s");
    assertThat(Html.duration(3_720_000)).isEqualTo("1 h 2 min");
  }

  @Test
  void linksToAFolderRelativelyWhereItCan(@TempDir Path dir) {
    assertThat(Html.link(dir.resolve("out"), dir.resolve("old run/baseline"))).isEqualTo("../old%20run/baseline/");
    assertThat(Html.link(dir, dir)).isEqualTo("./");
  }

  @Test
  void linksToAnEvidenceFileWithItsNameEncoded(@TempDir Path dir) {
    assertThat(Html.relative(dir, dir.resolve("CallTest/connects[chrome→firefox]/alice.png")))
        .isEqualTo("CallTest/connects%5Bchrome%E2%86%92firefox%5D/alice.png");
    assertThat(Html.relative(dir, dir)).isEqualTo(".");
  }
}
