package dev.callflow.internal;

import dev.callflow.failure.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Settings such as {@code callflow.headed}, read strictly from one or more sources in order (the first
 * that gives a key wins). A setting that is not given gets its default; one that is given but does
 * not parse, or names a file that is not there or not usable, is a {@link ConfigurationException}
 * naming it as its source calls it ({@code -Dcallflow.headed}, {@code CALLFLOW_HEADED}...). Nothing
 * falls back.
 */
public final class Settings {
  /** One source: the value of a key (null when not given), and how the key is named there. */
  private record Source(Function<String, String> values, Function<String, String> name) {}

  private final List<Source> sources;

  /**
   * @param source the value of a key, or null when it is not given
   * @param format how a key is shown in messages, e.g. {@code -D%s}
   */
  public Settings(Function<String, String> source, String format) {
    this(source, key -> String.format(Locale.ROOT, format, key));
  }

  /**
   * @param source the value of a key, or null when it is not given
   * @param name how a key is shown in messages, e.g. {@code callflow.headed} as {@code CALLFLOW_HEADED}
   */
  public Settings(Function<String, String> source, Function<String, String> name) {
    this(List.of(new Source(source, name)));
  }

  private Settings(List<Source> sources) {
    this.sources = List.copyOf(sources);
  }

  /** Fixed values, shown as system properties in messages (for tests). */
  public static Settings of(Map<String, String> values) {
    return new Settings(Map.copyOf(values)::get, "-D%s");
  }

  /** These settings, then {@code next} for a key that none of these gives. */
  public Settings then(Settings next) {
    List<Source> all = new ArrayList<>(sources);
    all.addAll(next.sources);
    return new Settings(all);
  }

  /** How the key is named by the source that gives it (the first source if none does), e.g. {@code -Dcallflow.headed}. */
  public String name(String key) {
    return sources.stream().filter(s -> s.values().apply(key) != null).findFirst().orElse(sources.get(0)).name().apply(key);
  }

  /** The value as given, if it is. */
  public Optional<String> text(String key) {
    return sources.stream().map(s -> s.values().apply(key)).filter(Objects::nonNull).findFirst();
  }

  /** {@code true} or {@code false} (any case); {@code otherwise} when not given. */
  public boolean flag(String key, boolean otherwise) {
    String value = text(key).orElse(null);
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
    String value = text(key).orElse(null);
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
    return new ConfigurationException(name(key), value, problem);
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
    throw invalid(key, text(key).orElse(""), path.isAbsolute() ? problem : problem + " (at " + path.toAbsolutePath() + ")");
  }
}
