package dev.callflow.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A watchdog outside the JVM that kills every driver process tree still registered when the JVM
 * ends, however it ends (even {@code kill -9}). It is a shell reading process ids from a pipe: the
 * pipe closes when the JVM dies, and the shell then kills what is left. Nothing is polled.
 */
public final class ProcessReaper {
  private static final String SCRIPT = """
      tree() { for c in $(pgrep -P "$1"); do tree "$c"; done; kill -KILL "$1" 2>/dev/null; }
      live=" "
      while read -r line; do
        case "$line" in
          +*) live="$live${line#+} " ;;
          -*) live="${live% ${line#-} *} ${live#* ${line#-} }" ;;
        esac
      done
      for p in $live; do tree "$p"; done
      """;
  private static OutputStream pipe;

  private ProcessReaper() {}

  /** Kills this process's whole tree if the JVM ends before {@link #release}. */
  public static synchronized void register(long pid) {
    write("+" + pid);
  }

  /** The process ended normally: forget it. */
  public static synchronized void release(long pid) {
    write("-" + pid);
  }

  /** Kills a process and all its descendants now, children first. */
  public static void killTree(ProcessHandle process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static void write(String line) {
    try {
      if (pipe == null) {
        Process shell = new ProcessBuilder("sh", "-c", SCRIPT)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
        pipe = shell.getOutputStream();
      }
      pipe.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
      pipe.flush();
    } catch (IOException e) {
      // Without the watchdog, close() still ends every process; only a killed JVM could leak.
      pipe = null;
    }
  }
}
