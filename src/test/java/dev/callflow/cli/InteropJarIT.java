package dev.callflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged interop command ({@code callflow-<version>-interop.jar}, built in package, run in verify by
 * failsafe): it runs with {@code java -jar} from any folder, with the pages, the probe and an SLF4J provider inside.
 */
class InteropJarIT {
  private static final Path JAR = Path.of(System.getProperty("callflow.test.interopJar", "target/missing-interop.jar"));

  private record Outcome(int status, String out, String err) {}

  /** Runs the jar in {@code dir}; fails if it has not ended within the bound. */
  private static Outcome run(Path dir, long seconds, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("java -jar " + JAR.getFileName() + " " + String.join(" ", args) + " still running after "
          + seconds + " s; output so far:\n" + Files.readString(out) + Files.readString(err));
    }
    return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void holdsTheCommandThePagesTheProbeAndALogger() throws IOException {
    assertThat(JAR).isRegularFile();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(InteropCommand.class.getName());
      assertThat(jar.getEntry("test-pages/callflow-probe.js")).isNotNull();
      assertThat(jar.getEntry("org/slf4j/simple/SimpleServiceProvider.class")).isNotNull();
      assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider")).readAllBytes(),
          StandardCharsets.UTF_8)).contains("org.slf4j.simple.SimpleServiceProvider");
    }
  }

  @Test
  void answersHelpAndBadArgumentsAtOnce(@TempDir Path dir) throws Exception {
    Outcome help = run(dir, 30, "--help");
    assertThat(help.status()).as(help.err()).isZero();
    assertThat(help.out()).startsWith("Usage: ci/interop.sh").contains("--baseline DIR", "audio-video");
    assertThat(help.err()).isEmpty();

    Outcome bad = run(dir, 30, "--browsers", "safari");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.out()).isEqualTo("interop: --browsers safari: unknown browser 'safari' (chrome or firefox) (see ci/interop.sh --help)"
        + System.lineSeparator());
  }

  /** One real flow from a folder outside the project: pages and probe come from the jar, and SLF4J finds its provider. */
  @Test
  void playsACallFromAnyFolder(@TempDir Path dir) throws Exception {
    Outcome ok = run(dir, 120, "--pairs", "chrome-firefox", "--scenarios", "audio-video", "--out", "report");
    assertThat(ok.status()).as(ok.out() + ok.err()).isZero();
    assertThat(ok.out()).contains("1 passed, 0 failed");
    assertThat(ok.err()).as("standard error").doesNotContain("SLF4J");
    assertThat(dir.resolve("report/report.json")).isNotEmptyFile();
  }
}
