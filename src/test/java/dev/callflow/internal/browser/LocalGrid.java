package dev.callflow.internal.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.callflow.browser.BrowserType;
import dev.callflow.failure.CallflowException;
import dev.callflow.internal.Folders;
import dev.callflow.internal.OnShutdown;
import dev.callflow.internal.ProcessReaper;
import dev.callflow.internal.Processes;
import dev.callflow.internal.Settings;
import dev.callflow.internal.net.Namespace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.openqa.selenium.net.PortProber;

/**
 * A Selenium Grid 4 of this machine for tests: a hub and two nodes (one Chrome, one Firefox), each a child JVM
 * on the classpath that the build copies into {@code target/selenium-grid} (the Grid's own Selenium version,
 * see {@code src/test/grid/pom.xml}), all of them in one network namespace of Callflow's. So the browsers the
 * nodes start see only that namespace's loopback and an interface that leads nowhere: they reach each other,
 * and the host only through the ports relayed in ({@link #reach}), never the host's real interfaces. The hub's
 * port is relayed out to the host's 127.0.0.1 at the same number: {@link #url()}.
 *
 * <p>Every process runs with {@code TMPDIR} in a folder of Callflow's and carries {@link #OWNER} naming this
 * JVM: {@link #close()}, the shutdown hook, the watchdog after a {@code kill -9}, and a later JVM's
 * {@link #removeLeftovers()} (if the watchdog was killed too) end them.
 */
public final class LocalGrid implements AutoCloseable {
  /** Marks a Grid process of Callflow's tests: {@code <jvm pid>-<jvm start, epoch ms>}. */
  public static final String OWNER = "CALLFLOW_GRID_OWNER";
  /** What the Grid's JVMs need: a hub and two nodes start in about 5 s on an idle 2-core machine. */
  private static final Duration START_WAIT = Duration.ofSeconds(120);
  private static final Duration END_WAIT = Duration.ofSeconds(5);
  private static final Path CLASSPATH = Path.of("target", "selenium-grid");
  private static final String MAIN = "org.openqa.selenium.grid.Main";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int LOG_LINES = 400;
  /** The {@code TMPDIR} of a Grid's network namespace: the JVM's pid is in its run folder's name. */
  private static final java.util.regex.Pattern NAMESPACE_FOLDER = java.util.regex.Pattern.compile("/callflow-(\\d+)-\\d+/grid-net-\\d+(/|$)");

  private final Path folder;
  private final Namespace network;
  private final URL url;
  private final List<GridProcess> processes = new ArrayList<>();
  private final OnShutdown.Registration onShutdown;
  private boolean closed;

  private LocalGrid(Path folder, Namespace network, URL url) {
    this.folder = folder;
    this.network = network;
    this.url = url;
    this.onShutdown = OnShutdown.run(this::close);
  }

  /**
   * Starts a hub and a Chrome and a Firefox node, their drivers and browsers found as {@code drivers} say
   * (as for browsers on this machine), and waits until the hub has both nodes.
   *
   * @throws CallflowException naming what is missing or which process did not come up, with its last lines
   */
  public static LocalGrid start(Settings drivers) {
    List<Path> jars = classpath();
    DriverDiscovery.Found chrome = DriverDiscovery.find(BrowserType.CHROME, drivers);
    DriverDiscovery.Found firefox = DriverDiscovery.find(BrowserType.FIREFOX, drivers);
    removeLeftovers();
    Path folder = ProcessReaper.newFolder("grid");
    Namespace network = Namespace.create("grid-net");
    int hubPort = PortProber.findFreePort();
    LocalGrid grid;
    try {
      grid = new LocalGrid(folder, network, URI.create("http://127.0.0.1:" + hubPort).toURL());
    } catch (java.net.MalformedURLException e) {
      network.close();
      throw new CallflowException("Cannot name the hub's address", e);
    }
    try {
      String classpath = String.join(":", jars.stream().map(Path::toString).toList());
      List<String> hub = java(classpath, "hub", "--host", "127.0.0.1", "--port", String.valueOf(hubPort));
      GridProcess hubProcess = grid.spawn("hub", network.driverCommand(folder, List.of(hubPort), hub), "Started Selenium Hub");
      hubProcess.await();
      // The node tells the router its own address for BiDi unless given the Grid's: the hub's is the one the
      // client reaches (the nodes' are inside the namespace only).
      List<String> node = List.of("--hub", grid.url.toString(), "--grid-url", grid.url.toString(), "--host", "127.0.0.1",
          "--detect-drivers", "false", "--selenium-manager", "false", "--override-max-sessions", "true",
          "--session-timeout", "3600");
      GridProcess chromeNode = grid.spawn("chrome node", network.inside(java(classpath, "node", node, "--port", "5555",
          "--driver-configuration", "display-name=chrome", "max-sessions=4",
          "stereotype=" + stereotype("chrome", "goog:chromeOptions", chrome.browser()),
          "webdriver-executable=" + chrome.driver())), "Node has been added");
      GridProcess firefoxNode = grid.spawn("firefox node", network.inside(java(classpath, "node", node, "--port", "5556",
          "--driver-configuration", "display-name=firefox", "max-sessions=4",
          "stereotype=" + stereotype("firefox", "moz:firefoxOptions", firefox.browser()),
          "webdriver-executable=" + firefox.driver())), "Node has been added");
      chromeNode.await();
      firefoxNode.await();
      grid.requireReady(2);
      return grid;
    } catch (RuntimeException e) {
      grid.close();
      throw e;
    }
  }

  /** {@return the hub's address on this machine, e.g. {@code http://127.0.0.1:41234}} */
  public URL url() {
    return url;
  }

  /**
   * Makes a port of this machine's 127.0.0.1 (a loopback {@code url}'s) reachable by the Grid's browsers at the
   * same address, e.g. Callflow's server.
   */
  public void reach(URI url) {
    network.reach(url.toString());
  }

  /** {@return the hub's {@code /status}, asked now} */
  public JsonNode status() {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/status"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return JSON.readTree(response.body()).path("value");
    } catch (IOException e) {
      throw new CallflowException("The hub at " + url + " does not answer /status: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CallflowException("Interrupted while asking the hub at " + url + " for /status", e);
    }
  }

  /** {@return how many processes of the Grid run now: the hub, the nodes, their drivers and browsers} */
  public int processesRunning() {
    return Processes.of(null, folder).size();
  }

  private void requireReady(int nodes) {
    JsonNode status = status();
    long up = Stream.iterate(0, i -> i + 1).limit(status.path("nodes").size())
        .filter(i -> "UP".equals(status.path("nodes").get(i).path("availability").asText())).count();
    if (!status.path("ready").asBoolean() || up != nodes) {
      throw new CallflowException("The Grid at " + url + " told its nodes were added, but /status says ready="
          + status.path("ready").asBoolean() + " with " + up + " of " + nodes + " nodes up: " + status);
    }
  }

  private static List<String> java(String classpath, String role, Object... arguments) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        // A quick start on a busy machine; the Grid needs little memory for a few sessions.
        "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath, MAIN, role));
    for (Object argument : arguments) {
      if (argument instanceof List<?> list) {
        list.forEach(a -> command.add(String.valueOf(a)));
      } else {
        command.add(String.valueOf(argument));
      }
    }
    return command;
  }

  /** A node's slot: this browser, whose binary the node sets in every session it starts (the client names none). */
  private static String stereotype(String browserName, String optionsKey, Path binary) {
    try {
      return JSON.writeValueAsString(Map.of("browserName", browserName, "platformName", "linux",
          optionsKey, Map.of("binary", binary.toString())));
    } catch (IOException e) {
      throw new CallflowException("Cannot write the stereotype of " + browserName, e);
    }
  }

  private static List<Path> classpath() {
    try (Stream<Path> files = Files.list(CLASSPATH)) {
      List<Path> jars = files.filter(f -> f.toString().endsWith(".jar")).map(Path::toAbsolutePath).sorted().toList();
      if (jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("selenium-grid-"))) {
        return jars;
      }
    } catch (IOException e) {
      // said below
    }
    throw new CallflowException("No Selenium Grid in " + CLASSPATH.toAbsolutePath() + ": the build copies it there in "
        + "generate-test-resources (src/test/grid/pom.xml, the maven-invoker-plugin execution selenium-grid); run the "
        + "tests with Maven, e.g. mvn test -Dtest=GridTest");
  }

  private GridProcess spawn(String name, List<String> command, String readyLine) {
    List<String> full = new ArrayList<>(List.of(ProcessReaper.setsid().toString()));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.environment().put("TMPDIR", folder.toString());
    builder.environment().put(OWNER, owner(ProcessHandle.current()).orElse("?"));
    try {
      GridProcess process = new GridProcess(name, builder.start(), readyLine);
      synchronized (this) {
        processes.add(process);
      }
      return process;
    } catch (IOException e) {
      throw new CallflowException("Cannot start the Grid's " + name + ": " + Folders.describe(e), e);
    }
  }

  /** {@return the last lines each Grid process wrote, for a failure's message} */
  public synchronized String log() {
    StringBuilder all = new StringBuilder();
    for (GridProcess p : processes) {
      all.append("--- ").append(p.name).append(" ---\n").append(p.lastLines(LOG_LINES)).append('\n');
    }
    return all.toString();
  }

  /** Ends every process of the Grid (hub, nodes, their drivers and browsers), the namespace, and removes the folder. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    onShutdown.close();
    try {
      if (!Processes.kill(null, folder, END_WAIT)) {
        System.err.println("LocalGrid: some processes in " + folder + " did not end within " + END_WAIT.toSeconds() + " s");
      }
      Folders.deleteTree(folder);
    } catch (IOException e) {
      // The watchdog removes the whole run folder when the JVM ends.
    } finally {
      network.close();
    }
  }

  /** One JVM of the Grid, its output read as it comes. */
  private final class GridProcess {
    private final String name;
    private final Process process;
    private final String readyLine;
    private final Deque<String> lines = new ArrayDeque<>();
    private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

    GridProcess(String name, Process process, String readyLine) {
      this.name = name;
      this.process = process;
      this.readyLine = readyLine;
      Thread reader = new Thread(this::read, "callflow-grid-" + name.replace(' ', '-'));
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > LOG_LINES) {
              lines.removeFirst();
            }
          }
          if (line.contains(readyLine)) {
            ready.complete(true);
          }
        }
      } catch (IOException e) {
        // ended
      }
      ready.complete(false);
    }

    /** Waits until the process says {@link #readyLine}. */
    void await() {
      String problem;
      try {
        if (ready.get(START_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
        problem = "exited (" + process.waitFor(5, TimeUnit.SECONDS) + ") before it said '" + readyLine + "'";
      } catch (TimeoutException e) {
        problem = "did not say '" + readyLine + "' within " + START_WAIT.toSeconds() + " s";
      } catch (ExecutionException e) {
        problem = e.getCause().toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        problem = "interrupted while waiting for it";
      }
      throw new CallflowException("The Grid's " + name + " " + problem + "; its last lines:\n" + lastLines(40));
    }

    String lastLines(int count) {
      synchronized (lines) {
        List<String> all = List.copyOf(lines);
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
      }
    }
  }

  /** {@code <pid>-<start in epoch ms>}: names a JVM so that another process later given its pid is not taken for it. */
  private static Optional<String> owner(ProcessHandle jvm) {
    return jvm.info().startInstant().map(start -> jvm.pid() + "-" + start.toEpochMilli());
  }

  /**
   * Ends every process that carries {@link #OWNER} naming a JVM that no longer runs (killed with its watchdog), and
   * the processes of a Grid's network namespace whose JVM is gone (its holder and relays carry no mark: they are
   * found by their {@code TMPDIR}, a {@code grid-net-<n>} folder in the run folder {@code callflow-<jvm pid>-<n>} of a
   * pid that no longer exists). Nothing else is touched.
   *
   * @return how many it ended
   */
  public static int removeLeftovers() {
    int ended = 0;
    try {
      for (long pid : Processes.pids()) {
        Optional<String> mark = Processes.variable(pid, OWNER);
        boolean leftNamespace = mark.isEmpty() && Processes.variable(pid, "TMPDIR").map(NAMESPACE_FOLDER::matcher)
            .filter(java.util.regex.Matcher::find).filter(m -> ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()).isPresent();
        if (!leftNamespace && (mark.isEmpty() || ownerRuns(mark.get()))) {
          continue;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid);
        if (leftover.isPresent() && leftover.get().destroyForcibly()) {
          ended++;
        }
      }
    } catch (IOException e) {
      // no /proc: nothing to look for
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
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(LocalGrid::owner).filter(mark::equals).isPresent();
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
