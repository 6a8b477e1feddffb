package dev.callflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** File names of the evidence, from names a test or a page chose. */
class EvidenceFilesTest {
  private static final String[] HOSTILE = {"../../x", "..", ".", "", "/etc/passwd", "a/../../b", "..\\..\\x", "C:\\x", "~",
      "doc\u0000.json", "con", "x".repeat(300), "../" + "a".repeat(300), "\u2028line", "é/../..", "$(rm -rf)"};

  @Test
  void folderForKeepsHostileTestNamesInsideTheEvidenceFolder() {
    Path root = Path.of("target/callflow").toAbsolutePath().normalize();
    for (String name : HOSTILE) {
      Path folder = Evidence.folderFor(root, name, name).toAbsolutePath().normalize();
      assertThat(folder).as(name).startsWithRaw(root);
      assertThat(folder.getNameCount()).as(name).isEqualTo(root.getNameCount() + 2);
    }
    assertThat(Evidence.folderFor(Path.of("target/callflow"), "CallTest", "audioVideoCall[chrome→firefox]").getFileName())
        .hasToString("audioVideoCall[chrome→firefox]");
  }

  @Test
  void everyPartIsOnePlainFileName() {
    for (String raw : HOSTILE) {
      String part = EvidenceFiles.part(raw);
      assertThat(part).as(raw).isNotIn(".", "..").doesNotContain("/", "\\", "\u0000").isNotEmpty().hasSizeLessThanOrEqualTo(64);
      assertThat(part).as(raw).matches("[A-Za-z0-9._\\-\\[\\]→]+").doesNotStartWith(".");
    }
    assertThat(EvidenceFiles.part("pc1")).isEqualTo("pc1");
    assertThat(EvidenceFiles.part("doc-3.a_b")).isEqualTo("doc-3.a_b");
    assertThat(EvidenceFiles.part("CON")).isEqualTo("_CON");
    // Long names are cut, but two that differ only late stay apart.
    assertThat(EvidenceFiles.part("x".repeat(300) + "a")).isNotEqualTo(EvidenceFiles.part("x".repeat(300) + "b"));
    // A long test name keeps its invocation: the browsers are what tell its folders apart.
    String cut = EvidenceFiles.part("aCandidateWhoseCheckCameFirstCountsAsWhatWasSignalled[chrome→firefox]");
    assertThat(cut).hasSize(EvidenceFiles.MAX_PART).startsWith("aCandidateWhoseCheck").endsWith("[chrome→firefox]");
    assertThat(EvidenceFiles.part("y".repeat(100) + "[" + "z".repeat(100) + "]")).hasSize(EvidenceFiles.MAX_PART);
  }

  @Test
  void filesStayInTheirFolder() {
    Path folder = Path.of("target", "callflow", "SomeTest", "someCall");
    for (String doc : HOSTILE) {
      Path file = EvidenceFiles.file(folder, ".json", "alice", "pc1", doc);
      assertThat(file.getParent()).as(doc).isEqualTo(folder);
      assertThat(file.getFileName().toString()).as(doc).startsWith("alice-pc1-").endsWith(".json");
    }
    assertThat(EvidenceFiles.file(folder, "-events.jsonl", "../bob")).isEqualTo(folder.resolve("_.._bob-events.jsonl"));
  }
}
