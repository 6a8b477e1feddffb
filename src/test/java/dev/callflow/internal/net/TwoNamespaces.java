package dev.callflow.internal.net;

import dev.callflow.internal.Folders;
import dev.callflow.internal.ProcessReaper;
import dev.callflow.internal.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Network namespaces for tests: {@code a} (10.77.0.1, fd00:77::1) linked by a veth pair {@code cfa} ↔ {@code cfb} to
 * {@code b}, which holds 10.77.0.2 and fd00:77::2 itself, or, bridged, bridges {@code cfb} to a third namespace
 * {@code c} that holds them (as a topology's public segment does). Each is held by a shell that ends when its standard
 * input closes. Everything runs with {@code TMPDIR} in a folder of Callflow's, so the watchdog ends it after a killed JVM.
 */
public final class TwoNamespaces implements AutoCloseable {
  /** The interface in {@code a}. */
  public static final String A_INTERFACE = "cfa";
  /** The interface in {@code b}. */
  public static final String B_INTERFACE = "cfb";
  /** The address of {@code b}. */
  public static final String B_ADDRESS = "10.77.0.2";
  /** The address of {@code a}. */
  public static final String A_ADDRESS = "10.77.0.1";

  private final Path folder = ProcessReaper.newFolder("two-namespaces");
  private final List<Process> holders = new ArrayList<>();
  private final Shell a;
  private final Shell b;
  private final Shell far;

  /**
   * Makes the namespaces and the links between them.
   *
   * @param bridged whether {@code b} bridges the link to {@code c}, which holds b's addresses
   */
  public TwoNamespaces(boolean bridged) throws IOException {
    try {
      Process holderA = holder();
      Process holderB = holder();
      a = Shell.entering(enter(holderA), folder);
      b = Shell.entering(enter(holderB), folder);
      a.run("set -e\nip link add " + A_INTERFACE + " type veth peer name " + B_INTERFACE + " netns " + holderB.pid() + "\n"
          + "ip addr add 10.77.0.1/24 dev cfa\nip -6 addr add fd00:77::1/64 dev cfa nodad\nip link set cfa up\n"
          + "ip route add default via 10.77.0.2\n");
      String hosting = "ip addr add 10.77.0.2/24 dev $1\nip -6 addr add fd00:77::2/64 dev $1 nodad\nip link set $1 up\n"
          + "ip route add 10.88.0.0/24 via 10.77.0.1\nip -6 route add fd00:88::/64 via fd00:77::1\n";
      if (bridged) {
        Process holderC = holder();
        far = Shell.entering(enter(holderC), folder);
        b.run("set -e\nip link add br0 type bridge\nip link set br0 up\nip link add cfc type veth peer name cfd netns "
            + holderC.pid() + "\nip link set cfb master br0\nip link set cfc master br0\nip link set cfb up\nip link set cfc up\n");
        far.run("set -e\nset -- cfd\n" + hosting);
      } else {
        far = b;
        b.run("set -e\nset -- cfb\n" + hosting);
      }
    } catch (RuntimeException | IOException e) {
      close();
      throw e;
    }
  }

  private Process holder() throws IOException {
    ProcessBuilder builder = new ProcessBuilder(ProcessReaper.setsid().toString(), "unshare", "--net", "sh", "-c",
        "ip link set lo up && echo ready && read -r _").redirectErrorStream(true);
    builder.environment().put("TMPDIR", folder.toString());
    Process holder = builder.start();
    holders.add(holder);
    String reply = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
    if (!"ready".equals(reply)) {
      throw new IOException("The namespace's holder did not start: " + reply);
    }
    return holder;
  }

  private static List<String> enter(Process holder) {
    return List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net", "--");
  }

  /** {@return a shell in namespace {@code a}} */
  public Shell a() {
    return a;
  }

  /** {@return a shell in namespace {@code b}, the other end of a's link} */
  public Shell b() {
    return b;
  }

  /** {@return a shell in the namespace that holds 10.77.0.2: {@code b}, or {@code c} if bridged} */
  public Shell far() {
    return far;
  }

  /** {@return the folder that everything runs in ({@code TMPDIR})} */
  public Path folder() {
    return folder;
  }

  /**
   * Starts {@code socat -d -d <arguments>} in a namespace ({@code a}, {@code b} or {@code c}) and returns once it listens.
   */
  public Process listen(Shell in, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(enter(holders.get(in == a ? 0 : in == b ? 1 : 2)));
    command.addAll(List.of("socat", "-d", "-d"));
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("TMPDIR", folder.toString());
    Process socat = builder.start();
    BufferedReader log = new BufferedReader(new InputStreamReader(socat.getErrorStream(), StandardCharsets.UTF_8));
    String line;
    String last = null;
    while ((line = log.readLine()) != null) {
      if (line.contains("listening on")) {
        Thread drain = new Thread(() -> {
          try {
            log.transferTo(java.io.Writer.nullWriter());
          } catch (IOException e) {
            // socat ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return socat;
      }
      last = line;
    }
    throw new IOException("socat " + String.join(" ", arguments) + " did not listen: " + last);
  }

  /** Ends both namespaces and everything started in them. */
  @Override
  public void close() {
    holders.forEach(Process::destroy);
    Processes.kill(null, folder, Duration.ofSeconds(3));
    try {
      Folders.deleteTree(folder);
    } catch (IOException e) {
      // the watchdog removes the run folder
    }
  }
}
