package dev.callflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test's evidence folder shows its last failure only, not files of an earlier run. */
class EvidenceTest {
  @Test
  void filesAnEarlierRunLeftAreRemoved(@TempDir Path root) throws Exception {
    Path folder = Evidence.folderFor(root, "SomeTest", "call[chrome→firefox]");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve("alice-pc1-earlier.json"), "{}");

    Evidence.write(folder, List.of(), new AssertionError("the call did not connect"));

    try (var files = Files.list(folder)) {
      assertThat(files.map(f -> f.getFileName().toString())).contains("failure.txt").doesNotContain("alice-pc1-earlier.json");
    }
    assertThat(Files.readString(folder.resolve("failure.txt"))).contains("the call did not connect");
  }
}
