package dev.callflow.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Finds and ends the processes of one browser, as Linux's /proc shows them. Callflow starts each driver
 * as the leader of a process group of its own, with {@code TMPDIR} in the browser's folder: the group
 * holds the driver, the browser and what the browser starts, and whatever leaves the group (a crash
 * reporter) or outlives the driver still carries that {@code TMPDIR}.
 */
public final class Processes {
  /** At most this many rounds of killing: a member may start another just before it is killed. */
  private static final int KILL_ROUNDS = 5;

  private Processes() {}

  /** True while the process runs: alive and not a zombie (ended, not yet reaped by its parent). */
  public static boolean running(ProcessHandle process) {
    return process.isAlive() && !"Z".equals(stat(process.pid(), 0));
  }

  /**
   * The running processes of a browser: the members of the group its driver leads (while the driver
   * itself runs, so a group id reused after its end is never taken for it) and every process whose
   * {@code TMPDIR} is in the browser's folder.
   *
   * @param driver the driver, or null if it is not known (it did not start)
   */
  public static Set<ProcessHandle> of(ProcessHandle driver, Path folder) {
    boolean leading = driver != null && running(driver);
    Set<ProcessHandle> found = new LinkedHashSet<>();
    try {
      for (long pid : pids()) {
        if ((leading && String.valueOf(driver.pid()).equals(stat(pid, 2))) || startedIn(pid, folder)) {
          ProcessHandle.of(pid).filter(Processes::running).ifPresent(found::add);
        }
      }
    } catch (IOException e) {
      // No /proc (not Linux): the driver's descendants are all that can be found.
      Optional.ofNullable(driver).filter(Processes::running).ifPresent(d -> {
        d.descendants().forEach(found::add);
        found.add(d);
      });
    }
    return found;
  }

  /**
   * {@return the ids of every process /proc lists now}
   *
   * @throws IOException if there is no /proc (not Linux)
   */
  public static List<Long> pids() throws IOException {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit)).map(Long::valueOf).toList();
    }
  }

  /** {@return a process's environment variable, as it was started; empty if it has none, or is gone or not ours to read} */
  public static Optional<String> variable(long pid, String name) {
    try {
      byte[] environment = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ"));
      for (String entry : new String(environment, StandardCharsets.UTF_8).split("\0")) {
        if (entry.startsWith(name + "=")) {
          return Optional.of(entry.substring(name.length() + 1));
        }
      }
    } catch (IOException e) {
      // gone, or not ours to read
    }
    return Optional.empty();
  }

  /**
   * Kills the processes of a browser (see {@link #of}), then waits up to {@code wait} for them to end,
   * those found in an earlier round too (once the driver is dead its group is not looked for again).
   * True if none is left.
   */
  public static boolean kill(ProcessHandle driver, Path folder, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    Set<ProcessHandle> killed = new LinkedHashSet<>();
    for (int round = 0; round < KILL_ROUNDS; round++) {
      Set<ProcessHandle> left = of(driver, folder);
      killed.removeIf(p -> !running(p));
      left.addAll(killed);
      if (left.isEmpty()) {
        return true;
      }
      left.forEach(ProcessHandle::destroyForcibly);
      killed.addAll(left);
      awaitExit(List.copyOf(left), deadline);
    }
    killed.removeIf(p -> !running(p));
    return killed.isEmpty() && of(driver, folder).isEmpty();
  }

  /** Whether the process's {@code TMPDIR} is the folder or in it. */
  private static boolean startedIn(long pid, Path folder) {
    return variable(pid, "TMPDIR").filter(t -> t.equals(folder.toString()) || t.startsWith(folder + "/")).isPresent();
  }

  private static void awaitExit(List<ProcessHandle> processes, long deadline) {
    CompletableFuture<?>[] exits = processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
    try {
      CompletableFuture.allOf(exits).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // A zombie never reports its exit to a process that is not its parent; the next round looks again.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // /proc/<pid>/stat: "pid (command) state ppid pgrp ..."; the command may hold spaces and parentheses.
  private static String stat(long pid, int field) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
