package dev.callflow.internal.browser;

import dev.callflow.internal.Folders;
import dev.callflow.internal.Processes;
import dev.callflow.internal.net.Namespace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.remote.service.DriverService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processes and files of a browser on this machine. Its driver leads a process group of its own,
 * which holds the browser and what the browser starts; all of them run with {@code TMPDIR} in the
 * browser's folder, where its profile goes too. Ending it kills them all and removes the folder.
 */
final class LocalBrowser {
  private static final Logger LOG = LoggerFactory.getLogger(LocalBrowser.class);
  /** How long an ending browser's processes may take to go before its folder is removed anyway. */
  private static final Duration END_WAIT = Duration.ofSeconds(3);

  private final Path folder;
  private final ProcessHandle driver;
  private final Optional<Namespace> network;
  private volatile ProcessHandle browser;

  private LocalBrowser(Path folder, ProcessHandle driver, Optional<Namespace> network) {
    this.folder = folder;
    this.driver = driver;
    this.network = network;
  }

  /**
   * Starts the driver of {@code service}, whose {@code TMPDIR} is {@code folder}, in {@code network} if
   * given; no browser runs yet.
   */
  static LocalBrowser start(DriverService service, Path folder, Optional<Namespace> network) {
    LocalBrowser local = new LocalBrowser(folder, null, network);
    try {
      service.start();
    } catch (IOException e) {
      local.end();
      throw new WebDriverException("Cannot start the driver: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      local.end();
      throw e;
    }
    String port = "--port=" + service.getUrl().getPort();
    ProcessHandle driver = ProcessHandle.current().children()
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(port)).orElse(false))
        .findFirst().orElse(null);
    return new LocalBrowser(folder, driver, network);
  }

  /** Before the browser opens {@code url}: in a network namespace, a host port it names is relayed in. */
  void reach(String url) {
    network.ifPresent(n -> n.reach(url));
  }


  /** The session started: its browser is the driver's child from now on. */
  LocalBrowser withBrowser() {
    if (driver != null) {
      // The driver's relays (socat, in a network namespace) start before the browser: not the browser.
      browser = driver.children().filter(p -> !p.info().command().orElse("").endsWith("/socat")).min(Comparator.comparing(p -> p.info().startInstant().orElse(Instant.MAX))).orElse(null);
    }
    return this;
  }

  /** The browser's main process, once the session started. */
  Optional<ProcessHandle> browser() {
    return Optional.ofNullable(browser);
  }

  /** Empty while the driver and the browser run; otherwise which ended, e.g. {@code browser process 123 ended}. */
  Optional<String> ended() {
    if (browser != null && !Processes.running(browser)) {
      return Optional.of("its browser process " + browser.pid() + " ended: killed or crashed");
    }
    if (driver != null && !Processes.running(driver)) {
      return Optional.of("its driver process " + driver.pid() + " ended");
    }
    return Optional.empty();
  }

  /**
   * Runs {@code action} once the browser or its driver ends, on a JDK thread; the JDK notices a
   * browser's end late (it is not this JVM's child), so {@link #ended()} still has the last word.
   */
  void whenEnded(Runnable action) {
    CompletableFuture<?>[] exits = Stream.of(driver, browser).filter(Objects::nonNull).map(ProcessHandle::onExit)
        .toArray(CompletableFuture[]::new);
    if (exits.length > 0) {
      CompletableFuture.anyOf(exits).thenRun(action);
    }
  }

  /** Kills every process of this browser still running and removes its folder. */
  void end() {
    if (!Processes.kill(driver, folder, END_WAIT)) {
      LOG.warn("Some processes of the browser in {} did not end within {}s: {}", folder, END_WAIT.toSeconds(),
          Processes.of(driver, folder));
    }
    try {
      Folders.deleteTree(folder);
    } catch (IOException e) {
      // The watchdog removes the whole run folder when the JVM ends.
      LOG.warn("Cannot remove the browser folder {}: {}", folder, Folders.describe(e));
    }
  }
}
