package dev.callflow.internal.net;

import dev.callflow.failure.CallflowException;
import dev.callflow.internal.Environment;
import dev.callflow.internal.Folders;
import dev.callflow.internal.OnShutdown;
import dev.callflow.internal.ProcessReaper;
import dev.callflow.internal.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One coturn process ({@code turnserver}) of Callflow's, listening on 127.0.0.1 where the browsers are: in
 * the hermetic browsers' network namespace, or on the host. It runs in a process group of its own with
 * {@code TMPDIR} in a folder of Callflow's, so {@link #close()}, the shutdown hook and, after a
 * {@code kill -9} of the JVM, the watchdog end it; and it carries {@link #OWNER} naming this JVM, so a JVM
 * that starts finds and ends one whose JVM is gone (its watchdog killed too) and nothing else.
 */
public final class Coturn implements AutoCloseable {
  /** The environment variable that marks a coturn of Callflow's: {@code <jvm pid>-<jvm start, epoch ms>}. */
  public static final String OWNER = "CALLFLOW_TURN_OWNER";
  private static final Logger LOG = LoggerFactory.getLogger(Coturn.class);
  private static final Duration START_WAIT = Duration.ofSeconds(10);
  private static final Duration END_WAIT = Duration.ofSeconds(3);
  private static final int LOG_LINES = 2000;
  private static final int ATTEMPTS = 4;
  private static boolean leftoversRemoved;

  private final Path folder;
  private final Process process;
  private final int port;
  private final int tlsPort;
  private final boolean namespaced;
  private final Deque<String> log = new ArrayDeque<>();
  private final List<String> relayAddresses = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final CompletableFuture<String> started = new CompletableFuture<>();
  private final OnShutdown.Registration onShutdown;
  private boolean closed;

  private Coturn(Path folder, Process process, int port, int tlsPort, boolean namespaced) {
    this.folder = folder;
    this.process = process;
    this.port = port;
    this.tlsPort = tlsPort;
    this.namespaced = namespaced;
    this.onShutdown = OnShutdown.run(this::close);
    Thread reader = new Thread(this::read, "callflow-turnserver-log");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts coturn with {@code options} (credentials, realm) on free ports, on 127.0.0.1 in {@code network} if
   * given, else on the host, and waits until it listens.
   *
   * @param tls whether to listen for TLS too, with a certificate made for 127.0.0.1 now
   * @throws CallflowException naming what is missing or what coturn said
   */
  public static Coturn start(List<String> options, boolean tls, Optional<Namespace> network) {
    return start(options, tls, network, "127.0.0.1", 0);
  }

  /**
   * Starts coturn with {@code options} in {@code network}, on {@code address} (an address of that namespace's own,
   * where it also relays from) and {@code port} for UDP and TCP, and waits until it listens. For a namespace of a
   * topology, whose ports are all free.
   *
   * @throws CallflowException naming what is missing or what coturn said
   */
  public static Coturn startAt(List<String> options, Namespace network, String address, int port) {
    return start(options, false, Optional.of(network), address, port);
  }

  private static Coturn start(List<String> options, boolean tls, Optional<Namespace> network, String address, int fixedPort) {
    Path program = Environment.findProgram("turnserver").orElseThrow(() -> new CallflowException(
        "turnserver (coturn) is not installed: Callflow's TurnServer runs it. Run ci/setup.sh (as root) to install it."));
    removeLeftovers();
    String failure = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Path folder = ProcessReaper.newFolder("turn");
      List<String> certificate = tls ? certificate(folder) : List.of();
      int port = fixedPort > 0 ? fixedPort : freePort();
      int tlsPort = tls ? freePort() : 0;
      List<String> turnserver = new ArrayList<>(List.of(program.toString(), "-n", "-v",
          "--listening-ip", address, "--relay-ip", address, "--listening-port", String.valueOf(port),
          "--allow-loopback-peers", "--no-multicast-peers", "--no-rfc5780", "--no-cli", "--no-dtls",
          "--log-file", "stdout", "--pidfile", folder.resolve("turnserver.pid").toString(),
          "--db", folder.resolve("turndb").toString()));
      if (tls) {
        turnserver.addAll(List.of("--tls-listening-port", String.valueOf(tlsPort)));
        turnserver.addAll(certificate);
      } else {
        turnserver.add("--no-tls");
      }
      turnserver.addAll(options);
      List<String> command = new ArrayList<>(List.of(ProcessReaper.setsid().toString()));
      command.addAll(network.map(n -> n.inside(turnserver)).orElse(turnserver));
      Coturn coturn;
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("TMPDIR", folder.toString());
        builder.environment().put(OWNER, owner(ProcessHandle.current()).orElse("?"));
        coturn = new Coturn(folder, builder.start(), port, tlsPort, network.isPresent());
      } catch (IOException e) {
        throw new CallflowException("Cannot start turnserver: " + Folders.describe(e), e);
      }
      String problem = coturn.awaitStarted();
      if (problem == null) {
        LOG.debug("turnserver listens on {}:{}{} {}", address, port, tls ? " (TLS " + tlsPort + ")" : "",
            network.isPresent() ? "in the browsers' network namespace" : "on the host");
        return coturn;
      }
      coturn.close();
      failure = problem;
      if (!problem.startsWith("Cannot bind") || fixedPort > 0) {
        break; // a port taken between the choice and the start is worth another try; nothing else is
      }
    }
    throw new CallflowException("turnserver did not start: " + failure);
  }

  /** {@return the port of its UDP and TCP listeners} */
  public int port() {
    return port;
  }

  /** {@return the port of its TLS listener; 0 without TLS} */
  public int tlsPort() {
    return tlsPort;
  }

  /** {@return whether it runs in the hermetic browsers' network namespace (else on the host)} */
  public boolean namespaced() {
    return namespaced;
  }

  /** {@return its log so far (its last {@value #LOG_LINES} lines)} */
  public List<String> log() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  /** {@return the relayed addresses of every allocation so far, {@code 127.0.0.1:49850}, oldest first} */
  public List<String> relayAddresses() {
    return List.copyOf(relayAddresses);
  }

  /** {@return whether the process runs} */
  public boolean running() {
    return process.isAlive();
  }

  /** {@return its process} */
  public ProcessHandle process() {
    return process.toHandle();
  }

  /** Ends coturn and removes its folder. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    onShutdown.close();
    if (!Processes.kill(process.toHandle(), folder, END_WAIT)) {
      LOG.warn("turnserver in {} did not end within {}s", folder, END_WAIT.toSeconds());
    }
    try {
      Folders.deleteTree(folder);
    } catch (IOException e) {
      // The watchdog removes the whole run folder when the JVM ends.
    }
  }

  /** Null once coturn listens, else why not. */
  private String awaitStarted() {
    try {
      return started.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return "it did not say it listens within " + START_WAIT.toSeconds() + " s; its last lines:\n" + lastLines(10);
    } catch (ExecutionException e) {
      return e.getCause().getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  private void read() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        synchronized (log) {
          log.addLast(line);
          if (log.size() > LOG_LINES) {
            log.removeFirst();
          }
        }
        int relay = line.indexOf("Local relay addr: ");
        if (relay >= 0) {
          relayAddresses.add(line.substring(relay + "Local relay addr: ".length()).strip());
        }
        if (line.contains("Cannot bind")) {
          started.complete(line.substring(line.indexOf("Cannot bind")));
        } else if (line.contains("Total General servers")) {
          started.complete(null);
        }
      }
    } catch (IOException e) {
      // Ended.
    }
    started.complete("it exited; its last lines:\n" + lastLines(10));
  }

  private String lastLines(int count) {
    List<String> lines = log();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  /** A port free on the host's loopback for both TCP and UDP (inside the namespace, few ports are in use). */
  private static int freePort() {
    for (int i = 0; i < 20; i++) {
      try (ServerSocket tcp = new ServerSocket()) {
        tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), tcp.getLocalPort()))) {
          return udp.getLocalPort();
        }
      } catch (IOException e) {
        // taken for UDP: another
      }
    }
    throw new CallflowException("Cannot find a port free for both TCP and UDP on 127.0.0.1 for turnserver");
  }

  /** A key and a self-signed certificate for 127.0.0.1 and localhost, made with openssl; the options naming them. */
  private static List<String> certificate(Path folder) {
    Path openssl = Environment.findProgram("openssl").orElseThrow(() -> new CallflowException(
        "openssl is not installed: Callflow makes the certificate of a TURN server's TLS listener with it"));
    Path key = folder.resolve("turn-key.pem");
    Path cert = folder.resolve("turn-cert.pem");
    try {
      Process p = new ProcessBuilder(openssl.toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
          "-nodes", "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
          "-keyout", key.toString(), "-out", cert.toString()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.exists(cert)) {
        throw new CallflowException("openssl could not make a certificate for the TURN server: " + output.strip());
      }
    } catch (IOException e) {
      throw new CallflowException("openssl could not make a certificate for the TURN server: " + Folders.describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallflowException("interrupted while making the TURN server's certificate", e);
    }
    return List.of("--cert", cert.toString(), "--pkey", key.toString());
  }

  /** {@code <pid>-<start in epoch ms>}: names a JVM so that another process later given its pid is not taken for it. */
  private static Optional<String> owner(ProcessHandle jvm) {
    return jvm.info().startInstant().map(start -> jvm.pid() + "-" + start.toEpochMilli());
  }

  /**
   * Ends every coturn that carries {@link #OWNER} naming a JVM that no longer runs (killed with its watchdog),
   * and removes its folder; once per JVM. A turnserver without the mark is never touched.
   *
   * @return how many it ended
   */
  public static synchronized int removeLeftovers() {
    if (leftoversRemoved) {
      return 0;
    }
    leftoversRemoved = true;
    return removeLeftoversNow();
  }

  /** {@link #removeLeftovers()}, whether or not it ran before in this JVM. */
  public static int removeLeftoversNow() {
    int ended = 0;
    try {
      for (long pid : Processes.pids()) {
        Optional<String> mark = Processes.variable(pid, OWNER);
        if (mark.isEmpty() || ownerRuns(mark.get())) {
          continue;
        }
        Optional<String> tmp = Processes.variable(pid, "TMPDIR");
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid);
        if (leftover.isPresent()) {
          leftover.get().destroyForcibly();
          leftover.get().onExit().get(END_WAIT.toMillis(), TimeUnit.MILLISECONDS);
          ended++;
          LOG.info("Ended a turnserver (pid {}) left by a Callflow JVM that is gone ({}={})", pid, OWNER, mark.get());
        }
        tmp.map(Path::of).filter(t -> t.getFileName() != null && t.getFileName().toString().startsWith("turn-")).ifPresent(t -> {
          try {
            Folders.deleteTree(t);
          } catch (IOException e) {
            // Not ours to remove after all; harmless.
          }
        });
      }
    } catch (IOException | ExecutionException | TimeoutException e) {
      LOG.debug("Could not look for turnservers left by a killed run: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ended;
  }

  private static boolean ownerRuns(String mark) {
    int dash = mark.indexOf('-');
    if (dash < 0) {
      return true; // not a mark of this form: leave it alone
    }
    try {
      long pid = Long.parseLong(mark.substring(0, dash));
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(Coturn::owner).filter(mark::equals).isPresent();
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
