package dev.callflow.internal.net;

import dev.callflow.internal.Environment;
import dev.callflow.internal.Folders;
import dev.callflow.internal.OnShutdown;
import dev.callflow.internal.ProcessReaper;
import dev.callflow.internal.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Linux network namespace of Callflow's own: it holds a loopback interface and an interface that leads
 * nowhere (so that browsers see a network like a host's), so a browser started in it can reach no address
 * of this machine's other interfaces, nor anything outside, and no rule in the host's firewall is needed
 * for that. A shell inside holds it open; the namespace
 * ends with its last process. Everything Callflow starts for it runs with {@code TMPDIR} in its folder,
 * so {@link #close()}, or the watchdog after a killed JVM, ends it all.
 *
 * <p>Programs on the host reach into it, and it reaches host ports it is given, through {@code socat}
 * relays over Unix sockets in that folder (the file system is shared, the network is not): a driver's
 * port is reachable from the host at the same number ({@link #driverCommand}), and a host port opened
 * with {@link #reach} at the same number inside, so URLs stay as they are.
 */
public final class Namespace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Namespace.class);
  /** How long ending the namespace's processes may take before its folder is removed anyway. */
  private static final Duration END_WAIT = Duration.ofSeconds(3);

  // Reads the output of socat -d -d and prints one line: its first argument once socat listens, or
  // "failed: <socat's last line>"; then drains the rest, so socat never blocks on a full pipe.
  private static final String READY = """
      while read -r line; do
        case $line in *"listening on"*) echo "$1"; exec cat >/dev/null;; esac
        last=$line
      done
      echo "failed: $last"
      """;
  // Inside: loopback up, a network like a host's (below), then for each port read, a listener relaying
  // to the host end's socket.
  // Loopback's routes acknowledge at once (quickack): a browser's WebDriver BiDi server that does not set
  // TCP_NODELAY (Firefox's) holds each event behind the unacknowledged one before it, and the relay's end
  // delayed its ACKs by up to 40 ms: Firefox's events reached Java 38 ms late, Chrome's 6 ms.
  private static final String HOLDER = """
      ip link set lo up || exit 1
      for route in 127.0.0.0/8 127.0.0.1; do
        ip route replace local "$route" dev lo table local proto kernel scope host src 127.0.0.1 quickack 1 || exit 1
      done
      sh -c "$3" || exit 1
      echo ready
      while read -r port; do
        socat -d -d TCP-LISTEN:"$port",bind=127.0.0.1,fork,reuseaddr,nodelay UNIX-CONNECT:"$1/in-$port.sock" 2>&1 |
          sh -c "$2" ready "open $port" &
      done
      """;
  // A host's network, kept off loopback: an interface of the namespace's own, with an address of each
  // family and default routes (which lead nowhere: the other end of the veth pair is in the namespace
  // too, with no address, and forwards nothing). With loopback alone, Chromium gathered no IPv6 candidate
  // and a Chromium callee kept its old pair after 2 to 3 in 5 ICE restarts. Chromium checks from those
  // addresses to the peer's loopback candidates: the namespace's own firewall drops them on arrival.
  private static final String HOST_LIKE = """
      ip link add callflow0 type veth peer name callflow1 && ip link set callflow0 up && ip link set callflow1 up &&
      ip addr add 198.18.0.1/15 dev callflow0 && ip -6 addr add fd00:ca11::1/64 dev callflow0 nodad &&
      ip route add default dev callflow0 && ip -6 route add default dev callflow0 &&
      iptables -I INPUT -i lo ! -s 127.0.0.0/8 -j DROP && iptables -I OUTPUT -o lo ! -d 127.0.0.0/8 -j DROP &&
      ip6tables -I INPUT -i lo ! -s ::1/128 -j DROP && ip6tables -I OUTPUT -o lo ! -d ::1/128 -j DROP
      """;
  // On the host: the socket that the listener inside connects to, relayed to the host port.
  private static final String HOST_END = """
      socat -d -d UNIX-LISTEN:"$1",fork,unlink-early TCP:127.0.0.1:"$2",nodelay 2>&1 | sh -c "$3" ready ready
      """;
  // A driver in the namespace, reachable from the host on its ports: a relay per port on each side. Every TCP
  // end of a relay sets TCP_NODELAY: WebDriver's small requests otherwise wait on Nagle and delayed ACKs.
  private static final String DRIVER_HOST = """
      dir=$1 ports=$2; shift 2
      for p in $ports; do
        socat TCP-LISTEN:"$p",bind=127.0.0.1,fork,reuseaddr,nodelay UNIX-CONNECT:"$dir/out-$p.sock" 2>/dev/null &
      done
      exec "$@"
      """;
  private static final String DRIVER_INSIDE = """
      dir=$1 ports=$2; shift 2
      for p in $ports; do
        socat UNIX-LISTEN:"$dir/out-$p.sock",fork,unlink-early TCP:127.0.0.1:"$p",nodelay 2>/dev/null &
      done
      exec "$@"
      """;

  /** How long a script run by {@link #run} may take. */
  private static final int RUN_SECONDS = 20;

  private static Optional<Namespace> hermetic;

  private final Path folder;
  private final Process holder;
  private final BufferedReader replies;
  private final Writer requests;
  private final List<String> enter;
  private final Set<Integer> reached = new HashSet<>();
  private boolean closed;

  private Namespace(Path folder, Process holder, List<String> enter) {
    this.folder = folder;
    this.holder = holder;
    this.replies = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
    this.requests = new OutputStreamWriter(holder.getOutputStream(), StandardCharsets.UTF_8);
    this.enter = enter;
  }

  /**
   * The namespace that hermetic browsers of this JVM share, made on first use; empty if this machine
   * does not let Callflow make one (said once in the log, with the reason): hermetic calls then rest
   * on the probe's candidate filtering alone.
   */
  public static synchronized Optional<Namespace> hermetic() {
    if (hermetic == null) {
      try {
        Namespace shared = create("net");
        OnShutdown.run(shared::close);
        hermetic = Optional.of(shared);
      } catch (NamespaceException e) {
        LOG.warn("Hermetic browsers run on the host's network, kept to loopback by candidate filtering only: {}",
            e.getMessage());
        hermetic = Optional.empty();
      }
    }
    return hermetic;
  }

  /**
   * A new namespace with a host-like network that leads nowhere, named {@code name} in Callflow's folders.
   *
   * @throws NamespaceException if this machine does not allow it, naming what is missing
   */
  public static Namespace create(String name) {
    return create(name, HOST_LIKE);
  }

  /**
   * A new namespace named {@code name} in Callflow's folders, whose interfaces {@code setup} makes: a shell
   * script run inside once loopback is up (empty: loopback only; a topology adds its links with {@link #run}).
   *
   * @throws NamespaceException if this machine does not allow it, naming what is missing, or the script failed
   */
  public static Namespace create(String name, String setup) {
    Optional<String> missing = missingTools();
    if (missing.isPresent()) {
      throw new NamespaceException("Cannot make a network namespace: " + missing.get()
          + " not installed (ci/setup.sh installs them)");
    }
    boolean root = isRoot();
    Path folder = ProcessReaper.newFolder(name);
    List<String> command = new ArrayList<>(List.of(ProcessReaper.setsid().toString(), tool("unshare").toString(), "--net"));
    if (!root) {
      command.addAll(List.of("--user", "--map-root-user"));
    }
    command.addAll(List.of("sh", "-c", HOLDER, "callflow-net", folder.toString(), READY,
        setup.isBlank() ? "true" : setup));
    String failure;
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("TMPDIR", folder.toString());
      Process holder = builder.start();
      String pid = String.valueOf(holder.pid());
      List<String> enter = new ArrayList<>(List.of(tool("nsenter").toString()));
      if (!root) {
        enter.addAll(List.of("--user=/proc/" + pid + "/ns/user", "--preserve-credentials"));
      }
      enter.addAll(List.of("--net=/proc/" + pid + "/ns/net", "--"));
      Namespace namespace = new Namespace(folder, holder, List.copyOf(enter));
      String first = namespace.replies.readLine();
      if ("ready".equals(first)) {
        return namespace;
      }
      namespace.close();
      failure = first == null ? "unshare exited at once" : first;
    } catch (IOException e) {
      failure = Folders.describe(e);
    }
    throw new NamespaceException("Cannot make a network namespace (" + (root ? "unshare --net" : "unshare --user --net, "
        + "as user " + Environment.userName() + ": unprivileged user namespaces must be allowed, or run as root") + "): "
        + failure);
  }

  /**
   * The command that runs a driver in this namespace, reachable from the host on {@code ports} (its
   * own port, and any other it serves, like geckodriver's WebDriver BiDi port), with {@code files}
   * its folder for the relays' sockets. Start it with {@code TMPDIR} in that folder.
   */
  public List<String> driverCommand(Path files, List<Integer> ports, List<String> driver) {
    String portList = String.join(" ", ports.stream().map(String::valueOf).toList());
    List<String> command = new ArrayList<>(List.of("sh", "-c", DRIVER_HOST, "callflow-driver", files.toString(), portList));
    command.addAll(enter);
    command.addAll(List.of("sh", "-c", DRIVER_INSIDE, "callflow-driver", files.toString(), portList));
    command.addAll(driver);
    return command;
  }

  /**
   * {@return {@code command} as run inside this namespace (through {@code nsenter}): it sees the namespace's
   * network, where hermetic browsers are} Start it with {@code TMPDIR} in a folder of Callflow's, so it ends
   * with the namespace.
   */
  public List<String> inside(List<String> command) {
    List<String> full = new ArrayList<>(enter);
    full.addAll(command);
    return full;
  }

  /**
   * Runs a shell script inside this namespace ({@code sh -c}, as root in it) and waits for it to end.
   *
   * @param script the script; {@code set -e} is not implied
   * @return what it wrote to standard output
   * @throws NamespaceException if it exits with another status than 0 or runs longer than {@value #RUN_SECONDS} s,
   *     with its status and what it wrote to standard error
   */
  public String run(String script) {
    List<String> command = inside(List.of("sh", "-c", script));
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put("TMPDIR", folder.toString());
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
      String output = readAll(process.getInputStream());
      if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new NamespaceException("A script in network namespace " + name() + " did not end within " + RUN_SECONDS + " s: "
            + script.strip());
      }
      if (process.exitValue() != 0) {
        throw new NamespaceException("A script in network namespace " + name() + " failed with status " + process.exitValue()
            + ": " + errors.join().strip() + "\nThe script:\n" + script.strip());
      }
      return output;
    } catch (IOException e) {
      throw new NamespaceException("Cannot run a script in network namespace " + name() + ": " + Folders.describe(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NamespaceException("Interrupted while a script ran in network namespace " + name());
    }
  }

  private static String readAll(java.io.InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** {@return the process id of the shell that holds the namespace open: {@code ip link ... netns <pid>} moves an interface into it} */
  public long pid() {
    return holder.pid();
  }

  /** {@return its name: the name of its folder, e.g. {@code net-alice-1234}} */
  public String name() {
    return folder.getFileName().toString();
  }

  /** {@return whether it still exists: the shell that holds it open runs} */
  public boolean running() {
    return holder.isAlive();
  }

  /**
   * Makes the port of a loopback URL ({@code http://127.0.0.1:8080/...}, {@code localhost},
   * {@code [::1]}) reachable inside at the same address, relayed to the host's 127.0.0.1 at that
   * port, if something listens there; other URLs are left alone (inside, they lead nowhere). Once per port.
   */
  public synchronized void reach(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return; // the browser says what is wrong with it
    }
    String host = uri.getHost();
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    boolean loopbackHost = host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    if (!loopbackHost || closed) {
      return;
    }
    boolean open = listening(port);
    if (reached.contains(port) && !open) {
      // A relay for a server that has gone (port numbers come back): inside it would accept and then drop the
      // connection (Chromium: ERR_SOCKET_NOT_CONNECTED), where the browser must find the port refused.
      unreach(port);
    }
    if (reached.contains(port) || !open) {
      return; // nothing listens on the host: inside, the browser finds the port refused, as it is
    }
    try {
      ProcessBuilder builder = new ProcessBuilder("sh", "-c", HOST_END, "callflow-net-host",
          folder.resolve("in-" + port + ".sock").toString(), String.valueOf(port), READY).redirectErrorStream(true);
      builder.environment().put("TMPDIR", folder.toString());
      Process hostEnd = builder.start();
      String hostReply = new BufferedReader(new InputStreamReader(hostEnd.getInputStream(), StandardCharsets.UTF_8)).readLine();
      if (!"ready".equals(hostReply)) {
        throw new NamespaceException("Cannot relay port " + port + " into the network namespace: " + hostReply);
      }
      requests.write(port + "\n");
      requests.flush();
      String reply = replies.readLine();
      if (!("open " + port).equals(reply)) {
        throw new NamespaceException("Cannot open port " + port + " inside the network namespace: " + reply);
      }
      reached.add(port);
    } catch (IOException e) {
      throw new NamespaceException("Cannot relay port " + port + " into the network namespace: " + Folders.describe(e));
    }
  }

  /** Ends both ends of the relay of this port: every process whose command line names its socket. */
  private void unreach(int port) {
    String socket = folder.resolve("in-" + port + ".sock").toString();
    // No wait for them to end: a killed process's sockets close at once, and the shell inside may leave it a zombie.
    ProcessHandle.allProcesses().filter(p -> p.info().commandLine().filter(c -> c.contains(socket)).isPresent())
        .forEach(ProcessHandle::destroyForcibly);
    reached.remove(port);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Ends every process of the namespace, so the namespace ends too, and removes its folder. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
    }
    holder.destroy();
    if (!Processes.kill(null, folder, END_WAIT)) {
      LOG.warn("Some processes of the network namespace in {} did not end within {}s", folder, END_WAIT.toSeconds());
    }
    try {
      Folders.deleteTree(folder);
    } catch (IOException e) {
      // The watchdog removes the whole run folder when the JVM ends.
    }
  }

  private static Optional<String> missingTools() {
    List<String> missing = new ArrayList<>();
    for (String name : List.of("unshare", "nsenter", "ip", "iptables", "ip6tables", "socat", "sh")) {
      if (Environment.findProgram(name).isEmpty()) {
        missing.add(name);
      }
    }
    return missing.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", missing));
  }

  private static Path tool(String name) {
    return Environment.findProgram(name).orElseThrow(() -> new NamespaceException(name + " is not installed (ci/setup.sh installs it)"));
  }

  private static boolean isRoot() {
    try {
      return Files.readAllLines(Path.of("/proc/self/status")).stream()
          .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
    } catch (IOException e) {
      return false;
    }
  }
}
