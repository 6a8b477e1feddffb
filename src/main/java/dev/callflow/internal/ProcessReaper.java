package dev.callflow.internal;

import dev.callflow.failure.CallflowException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watchdog outside the JVM that, when the JVM ends however it ends (even {@code kill -9}), kills every
 * process Callflow started and removes this JVM's folder of browser files. It is a shell holding a pipe
 * from the JVM: the pipe closes when the JVM dies, and the shell then kills every process whose
 * {@code TMPDIR} is in {@link #runFolder()} (each driver with its process group), so a process is
 * covered from its first instruction, before Java even knows its pid. The shell runs in a session of
 * its own ({@code setsid}), so a signal to the JVM's process group (Ctrl-C in a terminal, a CI cancel)
 * does not end it with the JVM. Nothing is polled while the JVM lives.
 */
public final class ProcessReaper {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessReaper.class);
  private static final String SCRIPT = """
      run=$1
      echo ready
      exec >/dev/null 2>&1
      while read -r line; do :; done
      # The JVM is gone. Kill what it started, until nothing is left (a few rounds at most; a browser
      # may start a process while it is killed), then remove its folder. A driver leads its own process
      # group: "kill -KILL -pid" takes the group along (and finds no group for any other process).
      rounds=0
      while :; do
        left=
        for f in $(grep -lszF "TMPDIR=$run/" /proc/[0-9]*/environ); do
          p=${f#/proc/}; p=${p%/environ}
          kill -KILL "-$p"
          kill -KILL "$p" && left=1
        done
        rounds=$((rounds + 1))
        if [ -z "$left" ] || [ $rounds -ge 30 ]; then break; fi
        sleep 0.1
      done
      rm -rf -- "$run"
      """;

  private static Path runFolder;
  private static OutputStream pipe;
  private static int folders;

  private ProcessReaper() {}

  /**
   * This JVM's folder for browser files, {@code <java.io.tmpdir>/callflow-<pid>-<n>}: removed by the
   * watchdog when the JVM ends. Kept short, since Chrome puts a socket path under it.
   */
  public static synchronized Path runFolder() {
    if (runFolder == null) {
      Path tmp = Environment.temporaryFolder();
      for (int n = 0; runFolder == null; n++) {
        Path candidate = tmp.resolve("callflow-" + ProcessHandle.current().pid() + "-" + n);
        try {
          runFolder = Files.createDirectory(candidate, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
          // Left by an earlier JVM with the same pid whose watchdog could not clean up: not ours.
        } catch (IOException e) {
          throw new CallflowException("Cannot create Callflow's folder for browser files in " + tmp
              + " (-Djava.io.tmpdir): " + Folders.describe(e), e);
        }
      }
    }
    return runFolder;
  }

  /**
   * A new, empty folder in {@link #runFolder()} for one browser's files, e.g. {@code chrome-3}; start
   * the browser's driver with {@code TMPDIR} set to it. The watchdog runs from now on.
   *
   * @throws CallflowException if the watchdog cannot start: without it, a killed JVM would leave its browsers running
   */
  public static synchronized Path newFolder(String name) {
    watch();
    try {
      return Files.createDirectory(runFolder().resolve(name + "-" + ++folders));
    } catch (IOException e) {
      throw new CallflowException("Cannot create a browser folder in " + runFolder() + ": " + Folders.describe(e), e);
    }
  }

  /** The {@code setsid} program, which starts a program in a session and process group of its own. */
  public static Path setsid() {
    return Environment.findProgram("setsid").orElseThrow(() -> new CallflowException("setsid is not installed (it is in Debian's util-linux): "
        + "Callflow starts its drivers and its process watchdog with it, so that a Ctrl-C or a killed JVM leaves no "
        + "browser running. Run ci/setup.sh (as root) to install it."));
  }

  /** Starts the watchdog, or a new one if it stopped (someone killed it): loudly, since that should not happen. */
  private static void watch() {
    if (pipe != null) {
      try {
        pipe.write('\n');
        pipe.flush();
        return;
      } catch (IOException e) {
        LOG.warn("Callflow's process watchdog stopped ({}); starting a new one", Folders.describe(e));
        pipe = null;
      }
    }
    start();
  }

  /** Starts the watchdog and waits for its first word, so a watchdog that cannot run is an error here. */
  private static void start() {
    String failure;
    try {
      Process shell = new ProcessBuilder(setsid().toString(), "sh", "-c", SCRIPT, "callflow-watchdog", runFolder().toString())
          .redirectErrorStream(true).start();
      String first = new BufferedReader(new InputStreamReader(shell.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      if ("ready".equals(first)) {
        pipe = shell.getOutputStream();
        return;
      }
      failure = first == null ? "it exited at once" : first;
    } catch (IOException e) {
      failure = Folders.describe(e);
    }
    throw new CallflowException("Cannot start Callflow's process watchdog (setsid sh): " + failure
        + ". Without it, a JVM that is killed would leave its browsers running.");
  }
}
