package dev.callflow.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
  @Test
  void aWritableFolderIsCreatedAndLeftEmpty(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("a/b");

    assertThat(Folders.problemWriting(out)).isEmpty();
    try (Stream<Path> entries = Files.list(out)) {
      assertThat(entries).isEmpty();
    }
  }

  @Test
  void procIsNotWritable() {
    assertThat(Folders.problemWriting(Path.of("/proc/x"))).hasValueSatisfying(p -> assertThat(p).isEqualTo("cannot create the folder: no such file or folder"));
  }

  @Test
  void ioFailuresFitOnOneLine() {
    assertThat(Folders.describe(new AccessDeniedException("/x/report.json"))).isEqualTo("/x/report.json: permission denied");
    assertThat(Folders.describe(new IOException("disk full"))).isEqualTo("disk full");
  }
}
