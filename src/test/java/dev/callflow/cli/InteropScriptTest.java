package dev.callflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.callflow.cli.InteropCommandTest.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ci/interop.sh} answers --help and arguments that cannot be right itself, before set-up and build,
 * and in the same words and status as {@link InteropCommand}, which it runs once they are fine.
 */
class InteropScriptTest {
  private static final List<List<String>> REJECTED = List.of(
      List.of("--scenarios", "no-such-flow"), List.of("--scenarios", "audio-video, x ,y"), List.of("--scenarios", ""),
      List.of("--browsers", "safari"), List.of("--browsers", "chrome,"), List.of("--browsers", " "), List.of("--browsers", "Chrome,fire fox"),
      List.of("--pairs", "chrome"), List.of("--pairs", "chrome-firefox-chrome"), List.of("--pairs", "chrome-safari"),
      List.of("--pairs", "chrome-firefox,"), List.of("--browsers", "chrome", "--pairs", "chrome-firefox"),
      List.of("--prefer-codec", "VP10"), List.of("--prefer-codec", " vp8", "--prefer-codec", "VP9"),
      List.of("--out"), List.of("--out", "--headed"), List.of("--out", ""), List.of("--baseline", "  "),
      List.of("--out", "a", "--out", "b"), List.of("--colour"), List.of("--colour", "--colour"), List.of("-x"), List.of("extra"),
      List.of("--headed", "--headed"), List.of("--scenarios", "x", "--browsers", "safari"), List.of("--network", "lan"),
      List.of("--network"), List.of("--network", "cone_nat"), List.of("--codecs", "--codecs"), List.of("--codecs", "VP9"),
      List.of("--codecs", "--scenarios", "codec"));

  private static Outcome java(List<String> args) {
    return InteropCommandTest.run(args.toArray(String[]::new));
  }

  private static Outcome script(Path dir, List<String> args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", "ci/interop.sh"));
    command.addAll(args);
    Path out = dir.resolve("out.txt");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("ci/interop.sh " + args + " still running after 60 s: " + Files.readString(out));
    }
    return new Outcome(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void helpIsTheCommandsOwn(@TempDir Path dir) throws Exception {
    Outcome expected = java(List.of("--help"));
    for (List<String> args : List.of(List.of("--help"), List.of("--out", "/proc/x", "-h"), List.of("--browsers", "--help"))) {
      assertThat(script(dir, args)).as("ci/interop.sh %s", args).isEqualTo(expected);
    }
  }

  @Test
  void badArgumentsAreRejectedInTheCommandsWordsBeforeSetUp(@TempDir Path dir) throws Exception {
    for (List<String> args : REJECTED) {
      Outcome expected = java(args);
      assertThat(expected.status()).as("InteropCommand %s", args).isEqualTo(2);
      assertThat(script(dir, args)).as("ci/interop.sh %s", args).isEqualTo(expected);
    }
  }
}
