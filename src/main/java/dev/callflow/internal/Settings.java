package dev.callflow.internal;

import dev.callflow.failure.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Callflow's settings (system properties such as {@code callflow.headed}), read strictly. A setting
 * that is not given gets its default; one that is given but does not parse, or names a file that is
 * not there or not usable, is a {@link ConfigurationException} naming it. Nothing falls back.
 */
public final class Settings {
  private final Function<String, String> source;
  private final String format;

  /**
   * @param source the value of a key, or null when it is not given
   * @param format how a key is shown in messages, e.g. {@code -D%s}
   */
  public Settings(Function<String, String> source, String format) {
    this.source = source;
    this.format = format;
  }

  /** The JVM's system properties. */
  public static Settings system() {
    return new Settings(System::getProperty, "-D%s");
  }

  /** Fixed values, shown as system properties in messages (for tests). */
  public static Settings of(Map<String, String> values) {
    return new Settings(values::get, "-D%s");
  }

  /** The value as given, if it is. */
  public Optional<String> text(String key) {
    return Optional.ofNullable(source.apply(key));
  }

  /** {@code true} or {@code false} (any case); {@code otherwise} when not given. */
  public boolean flag(String key, boolean otherwise) {
    String value = source.apply(key);
    if (value == null) {
      return otherwise;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(key, value, "expected true or false");
    };
  }

  /** A whole number of at least 1; {@code otherwise} when not given. */
  public int positive(String key, int otherwise) {
    String value = source.apply(key);
    if (value == null) {
      return otherwise;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw invalid(key, value, "not a whole number (expected 1 or more)");
    }
    if (n < 1) {
      throw invalid(key, value, "expected 1 or more");
    }
    return n;
  }

  /** An executable file (a program to run), if given. */
  public Optional<Path> executable(String key) {
    return path(key).map(p -> {
      String problem = !Files.exists(p) ? "no such file"
          : Files.isDirectory(p) ? "a directory, not an executable file"
          : !Files.isExecutable(p) ? "not executable (no execute permission)"
          : null;
      return require(key, p, problem);
    });
  }

  /** A directory that exists and can be read, if given. */
  public Optional<Path> directory(String key) {
    return path(key).map(p -> require(key, p, Folders.problemReading(p).orElse(null)));
  }

  /** A directory that exists or can be created, and can be written in, if given. */
  public Optional<Path> writableDirectory(String key) {
    return path(key).map(p -> require(key, p, Folders.problemWriting(p).orElse(null)));
  }

  /** The error for a value of {@code key} that cannot be used, naming the key as the user wrote it. */
  public ConfigurationException invalid(String key, String value, String problem) {
    return new ConfigurationException(String.format(Locale.ROOT, format, key), value, problem);
  }

  private Optional<Path> path(String key) {
    return text(key).map(value -> {
      if (value.isBlank()) {
        throw invalid(key, value, "empty path");
      }
      return Path.of(value);
    });
  }

  private Path require(String key, Path path, String problem) {
    if (problem == null) {
      return path;
    }
    // A relative path is resolved against the working directory, which may not be the one the user thinks.
    throw invalid(key, source.apply(key), path.isAbsolute() ? problem : problem + " (at " + path.toAbsolutePath() + ")");
  }
}
