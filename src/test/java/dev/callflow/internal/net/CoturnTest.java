package dev.callflow.internal.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that starts removes the turnservers a killed run left, and only those. */
class CoturnTest {
  private static Process turnserver(Path folder, String owner) throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> command = new ArrayList<>(List.of("turnserver", "-n", "--listening-ip", "127.0.0.1", "--listening-port",
        String.valueOf(port), "--no-cli", "--no-tls", "--no-dtls", "--log-file", "stdout", "--pidfile",
        folder.resolve(port + ".pid").toString(), "--db", folder.resolve(port + ".db").toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
    if (owner != null) {
      builder.environment().put(Coturn.OWNER, owner);
    }
    return builder.start();
  }

  @Test
  void removesTheTurnServersOfAGoneJvmAndNoOther(@TempDir Path folder) throws Exception {
    String self = ProcessHandle.current().pid() + "-" + ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
    // pid 1 runs, but it did not start at the epoch: the JVM that started this one is gone.
    Process leftover = turnserver(folder, "1-0");
    Process ours = turnserver(folder, self);
    Process byHand = turnserver(folder, null);
    try {
      assertThat(leftover.waitFor(500, TimeUnit.MILLISECONDS)).as("the turnservers started").isFalse();

      int ended = Coturn.removeLeftoversNow();

      assertThat(leftover.waitFor(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS)).as("the leftover ended").isTrue();
      assertThat(ended).isGreaterThanOrEqualTo(1);
      assertThat(ours.isAlive()).as("a turnserver of a running JVM").isTrue();
      assertThat(byHand.isAlive()).as("a turnserver started by hand").isTrue();
    } finally {
      for (Process p : List.of(leftover, ours, byHand)) {
        p.destroyForcibly().waitFor();
      }
    }
  }
}
