package dev.callflow.internal;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The one place that reads the JVM's system properties and the process environment. Callflow's own
 * settings are read from here once, as a snapshot, by the configuration; the rest are the few facts
 * about the machine that Callflow needs (temporary folder, search path, home folder, display).
 */
public final class Environment {
  private Environment() {}

  /** The system properties as they are now, a copy. */
  public static Map<String, String> systemProperties() {
    Properties properties = System.getProperties();
    Map<String, String> copy = new TreeMap<>();
    for (String name : properties.stringPropertyNames()) {
      copy.put(name, properties.getProperty(name));
    }
    return copy;
  }

  /** The environment variables, a copy. */
  public static Map<String, String> variables() {
    return new TreeMap<>(System.getenv());
  }

  /** The value of one environment variable, if it is set and not blank. */
  public static Optional<String> variable(String name) {
    return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
  }

  /** {@code java.io.tmpdir}. */
  public static Path temporaryFolder() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** The user's home folder ({@code user.home}). */
  public static Path home() {
    return Path.of(System.getProperty("user.home"));
  }

  /** The user this JVM runs as ({@code user.name}). */
  public static String userName() {
    return System.getProperty("user.name", "?");
  }

  /** The folders of {@code PATH}, in order; empty entries left out. */
  public static List<Path> searchPath() {
    List<Path> folders = new ArrayList<>();
    for (String folder : Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator)) {
      if (!folder.isBlank()) {
        folders.add(Path.of(folder));
      }
    }
    return folders;
  }

  /**
   * A program by name: the first executable in the folders of {@code PATH}, then in /usr/sbin, /usr/bin,
   * /sbin and /bin (a JVM started with a short {@code PATH} still finds the system's tools).
   */
  public static Optional<Path> findProgram(String name) {
    List<Path> folders = new ArrayList<>(searchPath());
    for (String folder : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      folders.add(Path.of(folder));
    }
    return folders.stream().map(f -> f.resolve(name)).filter(Files::isExecutable).findFirst();
  }

  /** True on Linux ({@code os.name}). */
  public static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
  }

  /** The operating system, its version and architecture, e.g. {@code Linux 6.8.0 (amd64)}. */
  public static String operatingSystem() {
    return System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " (" + System.getProperty("os.arch", "?")
        + ")";
  }

  /**
   * The machine's name: the kernel's on Linux (no name lookup that could wait on DNS), else the {@code HOSTNAME} or
   * {@code COMPUTERNAME} variable, else the local address's name; {@code unknown} if none of them answers.
   */
  public static String hostName() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        return Files.readString(kernel).strip();
      }
      Optional<String> named = variable("HOSTNAME").or(() -> variable("COMPUTERNAME"));
      return named.isPresent() ? named.get() : InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** True if a window can be shown: not Linux, or {@code DISPLAY} or {@code WAYLAND_DISPLAY} is set. */
  public static boolean hasDisplay() {
    return !isLinux() || System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
  }
}
