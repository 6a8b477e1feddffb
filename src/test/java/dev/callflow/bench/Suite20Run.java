package dev.callflow.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * Times {@link Suite20} from start to end, browsers launched cold each time as in a fresh {@code mvn test}: one test
 * at a time, then with JUnit's parallel execution (its defaults: as many tests at once as cores), alternating, so that
 * a busy moment of the machine falls on both. The parallel runs take README's properties (no more threads than cores). Prints each run and the medians, and writes
 * {@code target/callflow-bench/suite20.json} ({@code suite20SerialS}, {@code suite20ParallelS}: {@code {median, min,
 * max, runs}}). Run with {@code ci/bench.sh suite20 [runs, default 3] [key=value...]}; each {@code key=value} is a
 * configuration parameter of the parallel runs, e.g. {@code callflow.maxBrowsers=6} or
 * {@code junit.jupiter.execution.parallel.config.strategy=fixed junit.jupiter.execution.parallel.config.fixed.parallelism=3}.
 */
public final class Suite20Run {
  private Suite20Run() {}

  public static void main(String[] args) throws IOException {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    Map<String, String> parallel = parallelDefaults();
    for (int i = 1; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("Not key=value: " + args[i]);
      }
      parallel.put(kv[0], kv[1]);
    }
    Map<String, ConnectBenchmark.Figure> figures = new LinkedHashMap<>();
    measure(runs, parallel, figures);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode out = json.createObjectNode();
    figures.forEach((name, figure) -> out.set(name, json.valueToTree(figure)));
    Path file = Path.of("target/callflow-bench/suite20.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, json.writeValueAsString(out));
    System.out.println("Wrote " + file.toAbsolutePath());
  }

  /** The default parallel configuration: README's properties. */
  static Map<String, String> parallelDefaults() {
    Map<String, String> parallel = new LinkedHashMap<>();
    parallel.put("junit.jupiter.execution.parallel.enabled", "true");
    parallel.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
    parallel.put("junit.jupiter.execution.parallel.config.dynamic.max-pool-size-factor", "1");
    return parallel;
  }

  /** Runs the suite {@code runs} times each way and puts {@code suite20SerialS} and {@code suite20ParallelS} in {@code figures}. */
  static void measure(int runs, Map<String, String> parallel, Map<String, ConnectBenchmark.Figure> figures) {
    System.out.printf(Locale.ROOT, "Suite20, %d runs each way, %d cores; parallel: %s%n", runs, Runtime.getRuntime().availableProcessors(),
        parallel);
    List<Double> serial = new ArrayList<>();
    List<Double> inParallel = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      // Alternating which goes first, so that neither always runs in a JVM the other has warmed.
      if (i % 2 == 0) {
        serial.add(run("serial", Map.of()));
        inParallel.add(run("parallel", parallel));
      } else {
        inParallel.add(run("parallel", parallel));
        serial.add(run("serial", Map.of()));
      }
    }
    ConnectBenchmark.Figure serialS = ConnectBenchmark.Figure.of(serial);
    ConnectBenchmark.Figure parallelS = ConnectBenchmark.Figure.of(inParallel);
    System.out.printf(Locale.ROOT, "suite20SerialS   %.1f [%.1f-%.1f] s%nsuite20ParallelS %.1f [%.1f-%.1f] s%n", serialS.median(),
        serialS.min(), serialS.max(), parallelS.median(), parallelS.min(), parallelS.max());
    figures.put("suite20SerialS", serialS);
    figures.put("suite20ParallelS", parallelS);
  }

  /** One run of the suite, its own session; {@return its wall time in seconds} A failed test fails the benchmark. */
  private static double run(String how, Map<String, String> parameters) {
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Suite20.class)).configurationParameters(parameters)
        .execute().testEvents();
    double seconds = (System.nanoTime() - start) / 1e9;
    long passed = tests.succeeded().count();
    // Where the time went: each test from its start to its end (browsers waited for and launched included).
    Map<String, Double> took = new LinkedHashMap<>();
    Map<Object, Instant> started = new HashMap<>();
    tests.started().stream().forEach(e -> started.put(e.getTestDescriptor().getUniqueId(), e.getTimestamp()));
    tests.finished().stream().forEach(e -> took.put(e.getTestDescriptor().getDisplayName(),
        Duration.between(started.get(e.getTestDescriptor().getUniqueId()), e.getTimestamp()).toMillis() / 1e3));
    String slowest = took.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
        .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    Instant firstStart = started.values().stream().min(Instant::compareTo).orElseThrow();
    Instant lastEnd = tests.finished().stream().map(e -> e.getTimestamp()).max(Instant::compareTo).orElseThrow();
    Instant end = startedAt.plusNanos(System.nanoTime() - start);
    System.out.printf(Locale.ROOT, "  %-8s %5.1f s, %d passed; tests' own times add up to %.1f s; first test after %.1f s, %.1f s after"
        + " the last (the session closing); slowest: %s%n", how, seconds, passed, took.values().stream().mapToDouble(Double::doubleValue).sum(),
        Duration.between(startedAt, firstStart).toMillis() / 1e3, Duration.between(lastEnd, end).toMillis() / 1e3, slowest);
    if (passed != 20) {
      tests.failed().stream().forEach(e -> System.out.println("  FAILED " + e.getTestDescriptor().getDisplayName() + ": "
          + e.getPayload(TestExecutionResult.class).flatMap(TestExecutionResult::getThrowable).map(Throwable::toString).orElse("?")));
      throw new IllegalStateException("Suite20 " + how + ": " + passed + " of 20 passed");
    }
    return seconds;
  }
}
