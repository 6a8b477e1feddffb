package dev.callflow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A JVM started by a test, in a process group of its own (so a signal can go to the whole group, as
 * Ctrl-C does) and with its own {@code java.io.tmpdir}. Finds the processes that belong to it among
 * everything else running on the machine: its descendants, anything whose environment or command line
 * names its temp folder (browsers, and helpers that leave the tree), and anything in their process groups.
 */
final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path tmp;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  private ChildJvm(Process process, Path tmp) {
    this.process = process;
    this.tmp = tmp;
    Thread reader = new Thread(this::drain, "child-jvm-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Runs {@code main} with this JVM's class path. Its temp folder is {@code tmp}, both for Java and
   * for the programs it starts ({@code TMPDIR}).
   */
  static ChildJvm start(Class<?> main, Path tmp, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of("setsid", java, "-Djava.io.tmpdir=" + tmp, "-cp",
        System.getProperty("java.class.path"), main.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("TMPDIR", tmp.toString());
    return new ChildJvm(builder.start(), tmp);
  }

  private void drain() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        output.add(line);
        if (line.equals("READY")) {
          ready.complete(null);
        }
      }
    } catch (IOException e) {
      // The child is gone.
    }
    ready.completeExceptionally(new IllegalStateException("the child JVM ended before READY:\n" + output()));
  }

  /** Waits until the child prints {@code READY}. */
  void awaitReady(Duration timeout) throws Exception {
    ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  long pid() {
    return process.pid();
  }

  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /** Sends a signal ({@code KILL}, {@code TERM}...) to the child JVM alone, or to its whole process group. */
  void signal(String name, boolean wholeGroup) throws Exception {
    String target = wholeGroup ? "-" + process.pid() : String.valueOf(process.pid());
    int exit = new ProcessBuilder("kill", "-s", name, "--", target).inheritIO().start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill -s " + name + " " + target + " exited with " + exit);
    }
  }

  /** Waits for the child JVM itself to end; its exit code. */
  int awaitExit(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the child JVM did not end within " + timeout);
    }
    return process.exitValue();
  }

  /** The running processes that belong to the child, the JVM itself excluded. */
  Set<ProcessHandle> processes(Set<Long> knownGroups) {
    Set<Long> groups = new HashSet<>(knownGroups);
    groups.add(process.pid());
    String marker = tmp.toString() + "/";
    Set<ProcessHandle> found = new HashSet<>();
    ProcessHandle.allProcesses().filter(ProcFs::running).forEach(p -> {
      boolean descendant = p.parent().map(this::isChildOrBelow).orElse(false);
      if (descendant || ProcFs.environment(p.pid()).contains(marker) || p.info().commandLine().orElse("").contains(marker)
          || groups.contains(ProcFs.group(p.pid()))) {
        found.add(p);
      }
    });
    found.removeIf(p -> p.pid() == process.pid());
    return found;
  }

  private boolean isChildOrBelow(ProcessHandle p) {
    for (ProcessHandle h = p; h != null; h = h.parent().orElse(null)) {
      if (h.pid() == process.pid()) {
        return true;
      }
    }
    return false;
  }

  /** The files and folders in the child's temp folder (not what is inside them). */
  List<Path> files() throws IOException {
    try (var list = Files.list(tmp)) {
      return list.map(Path::getFileName).sorted().toList();
    }
  }

  /** The folders in the child's run folders ({@code callflow-*}): one per browser. */
  List<Path> browserFolders() throws IOException {
    try (var walk = Files.walk(tmp, 2)) {
      return walk.filter(p -> tmp.relativize(p).getNameCount() == 2).sorted().toList();
    }
  }

  /** Callflow's watchdog, which outlives the JVM for a moment to clean up after it. */
  static boolean isWatchdog(ProcessHandle p) {
    // The watchdog's own helpers (grep, kill, sleep, rm) count as the watchdog.
    for (ProcessHandle h = p; h != null; h = h.parent().orElse(null)) {
      if (h.info().arguments().map(a -> List.of(a).contains("callflow-watchdog")).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  /** Writes a line to the child's standard input. */
  void tell(String line) throws IOException {
    process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().flush();
  }

  static String describe(Set<ProcessHandle> processes) {
    return processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
        .map(s -> s.length() > 160 ? s.substring(0, 160) + "..." : s).sorted().collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  /** Whatever happened, nothing of the child keeps running. */
  @Override
  public void close() {
    process.destroyForcibly();
    processes(Set.of()).forEach(ProcessHandle::destroyForcibly);
  }
}
