package dev.callflow.internal.net;

import dev.callflow.internal.Folders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Runs shell scripts inside one network namespace. A process that a script leaves running must end with
 * the namespace: {@link #entering} starts scripts with {@code TMPDIR} in the namespace's folder, which
 * is what Callflow's clean-up looks for.
 */
@FunctionalInterface
public interface Shell {
  /**
   * Runs {@code script} with {@code sh} inside the namespace and waits for it to end.
   *
   * @return what it printed on its standard output
   * @throws NamespaceException if it exits with a status other than 0, quoting what it printed on its error output
   */
  String run(String script);

  /**
   * {@return a shell that enters the namespace with {@code enter} (e.g. {@code nsenter --net=/proc/PID/ns/net --})
   * and runs scripts with {@code TMPDIR} set to {@code folder}}
   */
  static Shell entering(List<String> enter, Path folder) {
    List<String> prefix = List.copyOf(enter);
    return script -> {
      List<String> command = new ArrayList<>(prefix);
      command.addAll(List.of("sh", "-c", script));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("TMPDIR", folder.toString());
      try {
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        int status = process.waitFor();
        if (status != 0) {
          throw new NamespaceException("exit status " + status + ": " + errors.join().strip());
        }
        return output;
      } catch (IOException e) {
        throw new NamespaceException("Cannot run a script in the network namespace: " + Folders.describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NamespaceException("Interrupted while a script ran in the network namespace");
      }
    };
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
