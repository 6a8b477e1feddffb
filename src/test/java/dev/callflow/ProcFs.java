package dev.callflow;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc tells a test about a process, independently of the code under test. */
final class ProcFs {
  private ProcFs() {}

  /** Alive and not a zombie: a killed process whose parent has not reaped it yet is not running. */
  static boolean running(ProcessHandle p) {
    return p.isAlive() && !"Z".equals(stat(p.pid(), 0));
  }

  /**
   * A process the kernel is tearing down: it was killed and its memory is gone (its command line reads
   * empty), though it is not yet a zombie.
   */
  static boolean exiting(ProcessHandle p) {
    try {
      return Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")).length == 0;
    } catch (IOException e) {
      return true; // gone
    }
  }

  /** The process group id, or -1 once the process is gone. */
  static long group(long pid) {
    String pgid = stat(pid, 2);
    return pgid == null ? -1 : Long.parseLong(pgid);
  }

  /** The environment, one {@code NAME=value} a line; empty when it cannot be read. */
  static String environment(long pid) {
    try {
      return new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "environ")), StandardCharsets.UTF_8)
          .replace('\0', '\n');
    } catch (IOException e) {
      return "";
    }
  }

  // Fields after "pid (comm) ": 0 state, 1 ppid, 2 pgrp.
  private static String stat(long pid, int field) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[field];
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
