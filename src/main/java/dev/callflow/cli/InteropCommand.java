package dev.callflow.cli;

import dev.callflow.Callflow;
import dev.callflow.CallflowConfig;
import dev.callflow.failure.ConfigurationException;
import dev.callflow.browser.BrowserLaunchException;
import dev.callflow.internal.browser.BrowserLauncher;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.internal.Environment;
import dev.callflow.internal.Folders;
import dev.callflow.interop.CodecBaseline;
import dev.callflow.interop.CodecCell;
import dev.callflow.interop.InteropRun;
import dev.callflow.interop.Scenario;
import dev.callflow.interop.ScenarioResult;
import dev.callflow.report.InteropReport;
import dev.callflow.failure.CallflowException;
import dev.callflow.net.Network;
import dev.callflow.net.Topology;
import dev.callflow.report.RunInfo;
import dev.callflow.sdp.Sdp;
import dev.callflow.sdp.SdpBaseline;
import dev.callflow.sdp.SdpParseException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The interop run ({@code ci/interop.sh}): every scenario over every ordered pair of the installed
 * browsers, a matrix on the console as it goes, HTML and JSON reports, and negotiation baselines.
 * Exit status: 0 all passed with no baseline change, 1 a failure, a baseline change or reports that could
 * not be written, 2 bad arguments or settings. Arguments, folders, browsers and settings are all checked
 * before the first browser starts, and a mistake is one line naming it, never a stack trace.
 */
public final class InteropCommand {
  static final String USAGE = """
      Usage: ci/interop.sh [options]
        --browsers chrome,firefox   browsers to pair (default: every installed one)
        --pairs chrome-firefox,...  exact caller-callee pairs (instead of --browsers)
        --scenarios a,b             scenarios to run (default: all but codecs): %s
        --codecs                    also play the codec matrix (scenario codecs): each codec both browsers
                                    offer, forced in turn; what was negotiated and what arrived
        --prefer-codec VP9          the video codec the codec-preference scenario prefers: %s (default VP9)
        --out DIR                   report folder (default target/callflow-interop)
        --baseline DIR              compare negotiation with a previous run's DIR (e.g. its <out>/baseline)
        --network NAME              place each pair's browsers in a network of namespaces: %s
                                    (default: both on loopback); the report gives each cell's candidate pair
        --headed                    show the browsers (needs a display)
      """;

  private InteropCommand() {}

  /**
   * Runs the command and exits the JVM with its status.
   *
   * @param args the options, as {@code ci/interop.sh --help} lists them
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /**
   * Runs the command without exiting.
   *
   * @param args the options, as {@code ci/interop.sh --help} lists them
   * @param out where the usage, the progress, the matrix and any mistake are printed
   * @return the exit status: 0 all passed, 1 a failure, a baseline change or unwritable reports, 2 bad arguments or
   *     settings
   */
  public static int run(String[] args, PrintStream out) {
    InteropOptions options;
    CallflowConfig config;
    List<BrowserType[]> pairs;
    try {
      options = InteropOptions.parse(args);
      if (options.help) {
        out.printf(USAGE, InteropOptions.names(InteropOptions.known("VP9")), String.join(", ", InteropOptions.VIDEO_CODECS),
            InteropOptions.networks());
        return 0;
      }
      config = CallflowConfig.fromEnvironment();
      config = options.headed ? config.withHeaded(true) : config;
      pairs = prepare(options, config);
    } catch (UsageException e) {
      out.println("interop: " + e.getMessage() + " (see ci/interop.sh --help)");
      return 2;
    } catch (ConfigurationException e) {
      out.println("interop: " + e.getMessage());
      return 2;
    }
    try {
      return play(options, config, pairs, out);
    } catch (BrowserLaunchException e) {
      // Found but would not start (a broken install, or an explicit path to the wrong program): the message names the files.
      out.println("interop: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Everything that can be checked before a browser starts: the output folder can be created and
   * written in, the baseline folder read, the browsers and their settings found. Returns the pairs to play.
   */
  static List<BrowserType[]> prepare(InteropOptions options, CallflowConfig config) throws UsageException {
    Optional<String> outProblem = Folders.problemWriting(options.out);
    if (outProblem.isPresent()) {
      throw new UsageException("--out", options.out + (options.outGiven ? "" : " (the default)"), outProblem.get());
    }
    if (options.baseline != null) {
      checkBaseline(options);
    }
    if (options.network != null) {
      // Built once and closed: a machine that allows no network namespaces, or whose coturn does not start, says so now.
      try {
        Network.of(options.network).start().close();
      } catch (CallflowException e) {
        throw new UsageException("--network", options.network.id(), "cannot be built here: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    if (options.headed && !Environment.hasDisplay()) {
      throw new UsageException("--headed", null, "no display to show browsers on (DISPLAY and WAYLAND_DISPLAY are not set)");
    }
    List<BrowserType[]> pairs = new ArrayList<>(options.pairs);
    if (pairs.isEmpty()) {
      List<BrowserType> browsers = new ArrayList<>(options.browsers);
      if (browsers.isEmpty()) {
        Arrays.stream(BrowserType.values()).filter(type -> BrowserLauncher.isInstalled(type, config.drivers())).forEach(browsers::add);
        if (browsers.isEmpty()) {
          throw new UsageException("no browser found; run ci/setup.sh (as root) to install Chromium and Firefox");
        }
      }
      for (BrowserType a : browsers) {
        for (BrowserType b : browsers) {
          pairs.add(new BrowserType[] {a, b});
        }
      }
    }
    Set<BrowserType> used = new LinkedHashSet<>();
    pairs.forEach(p -> used.addAll(List.of(p)));
    for (BrowserType type : used) {
      try {
        BrowserLauncher.requireInstalled(type, config.drivers());
      } catch (BrowserLaunchException e) {
        String option = options.pairs.isEmpty() ? "--browsers" : "--pairs";
        throw new UsageException(option, type.id(), e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return pairs;
  }

  private static void checkBaseline(InteropOptions options) throws UsageException {
    Path baseline = options.baseline;
    Optional<String> problem = Folders.problemReading(baseline);
    if (problem.isPresent()) {
      throw new UsageException("--baseline", baseline.toString(), problem.get());
    }
    // A report folder given in place of its baseline/ would turn every result into a "change".
    if (options.scenarios.stream().noneMatch(s -> Files.isDirectory(baseline.resolve(s.id())))) {
      Path inside = baseline.resolve("baseline");
      throw new UsageException("--baseline", baseline.toString(), "holds no baseline of the chosen scenarios"
          + (Files.isDirectory(inside) ? "; did you mean " + inside + "?" : " (expected <scenario>/<caller>-<callee>.offer.sdp)"));
    }
  }

  private static int play(InteropOptions options, CallflowConfig config, List<BrowserType[]> pairs, PrintStream out) {
    List<Scenario> scenarios = options.scenarios;
    Path baseline = options.baseline;
    Instant started = Instant.now();
    long start = System.nanoTime();
    int total = scenarios.size() * pairs.size();
    List<ScenarioResult> results = new ArrayList<>();
    try (Callflow callflow = Callflow.start(config)) {
      out.printf(Locale.ROOT, "Callflow interop: %d scenarios x %d browser pairs%s%n", scenarios.size(), pairs.size(),
          options.network == null ? "" : ", each in a network " + options.network.id());
      InteropRun run = new InteropRun(callflow, BrowserSpec::of, Optional.ofNullable(options.network));
      run.play(scenarios, pairs, r -> {
        ScenarioResult checked = baseline == null ? r : compareCodecs(baseline, r.withBaselineChanges(compare(baseline, r)));
        results.add(checked);
        out.printf(Locale.ROOT, "[%2d/%d] %-17s %-17s %s%s%s%n", results.size(), total, checked.scenario(), checked.pair(),
            checked.passed() ? "passed" : "FAILED", checked.connectedMs() >= 0 ? " connected in " + checked.connectedMs() + " ms"
                + (checked.candidateTypes().isEmpty() ? "" : " (" + checked.candidateTypes() + ")") : "",
            checked.baselineChanges().isEmpty() ? "" : ", " + checked.baselineChanges().size() + " baseline change(s)");
        if (!checked.passed()) {
          out.println("        " + checked.message().lines().findFirst().orElse(""));
        }
        checked.baselineChanges().forEach(c -> out.println("        " + c));
        checked.codecCells().forEach(c -> out.printf(Locale.ROOT, "        %-22s %s%n", c.codec(), c.outcome()
            + (c.status() != CodecCell.Status.NOT_OFFERED && !c.message().isEmpty() ? " (" + c.message() + ")" : "")));
      });
      long duration = (System.nanoTime() - start) / 1_000_000;
      RunInfo info = new RunInfo(started, duration, List.copyOf(run.browsers().values()),
          callflowVersion(InteropCommand.class.getPackage().getImplementationVersion()), Environment.hostName(),
          Environment.operatingSystem(), Optional.ofNullable(baseline), Optional.ofNullable(options.network).map(Topology::id));
      return finish(options.out, info, results, out);
    }
  }

  /**
   * Writes the baselines and reports and prints the matrix and the totals; returns the exit status. A
   * folder that cannot be written at this point is one line and status 1, not a stack trace.
   */
  static int finish(Path folder, RunInfo run, List<ScenarioResult> results, PrintStream out) {
    try {
      results.forEach(r -> saveBaseline(folder.resolve("baseline"), r));
      InteropReport.write(folder, run, results);
    } catch (UncheckedIOException e) {
      out.print(matrix(results));
      out.println("interop: " + e.getMessage() + ": " + Folders.describe(e.getCause()));
      return 1;
    }
    out.print(matrix(results));
    out.print(codecMatrix(results));
    long failed = results.stream().filter(r -> !r.passed()).count();
    long changed = results.stream().filter(r -> !r.baselineChanges().isEmpty()).count();
    out.printf(Locale.ROOT, "%d passed, %d failed%n", results.size() - failed, failed);
    out.printf(Locale.ROOT, "%d with baseline changes; wall time %.1f s; report %s%n", changed, run.durationMs() / 1000.0,
        folder.resolve("index.html").toAbsolutePath());
    return failed > 0 || changed > 0 ? 1 : 0;
  }

  /** The version in the jar's manifest ({@code Implementation-Version}); {@code development} when run from classes. */
  static String callflowVersion(String fromManifest) {
    return fromManifest == null || fromManifest.isBlank() ? "development" : fromManifest;
  }

  private static List<String> compare(Path baseline, ScenarioResult r) {
    List<String> changes = new ArrayList<>();
    for (String[] side : new String[][] {{"offer", r.offer()}, {"answer", r.answer()}}) {
      Path file = baselineFile(baseline, r, side[0]);
      if (side[1].isEmpty() || !Files.exists(file)) {
        if (side[1].isEmpty() != !Files.exists(file)) {
          changes.add(side[0] + ": " + (side[1].isEmpty() ? "none negotiated this time" : "no baseline at " + file));
        }
        continue;
      }
      try {
        changes.addAll(SdpBaseline.compare(file, side[0], Sdp.parse(side[1])));
      } catch (UncheckedIOException e) {
        changes.add(side[0] + ": cannot read the baseline: " + Folders.describe(e.getCause()));
      } catch (SdpParseException e) {
        changes.add(side[0] + ": the baseline " + file + " is not valid SDP: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    return changes;
  }

  /** The result with its codec cells compared with the baseline's, each change also one of its baseline changes. */
  static ScenarioResult compareCodecs(Path baseline, ScenarioResult r) {
    if (r.codecCells().isEmpty()) {
      return r;
    }
    Path file = codecFile(baseline, r);
    List<String> changes = new ArrayList<>(r.baselineChanges());
    if (!Files.exists(file)) {
      changes.add("codecs: no baseline at " + file);
      return r.withBaselineChanges(changes);
    }
    try {
      List<CodecCell> before = CodecBaseline.load(file);
      changes.addAll(CodecBaseline.changes(before, r.codecCells()));
      return r.withBaselineChanges(changes).withCodecCells(CodecBaseline.compare(before, r.codecCells()));
    } catch (UncheckedIOException e) {
      changes.add("codecs: cannot read the baseline: " + Folders.describe(e.getCause()));
    } catch (IllegalArgumentException e) {
      changes.add("codecs: " + e.getMessage());
    }
    return r.withBaselineChanges(changes);
  }

  private static Path codecFile(Path folder, ScenarioResult r) {
    return folder.resolve(r.scenario()).resolve(r.caller().id() + "-" + r.callee().id() + ".codecs.json");
  }

  private static void saveBaseline(Path folder, ScenarioResult r) {
    if (!r.codecCells().isEmpty()) {
      CodecBaseline.save(codecFile(folder, r), r.codecCells());
    }
    if (!r.offer().isEmpty()) {
      SdpBaseline.save(baselineFile(folder, r, "offer"), Sdp.parse(r.offer()));
    }
    if (!r.answer().isEmpty()) {
      SdpBaseline.save(baselineFile(folder, r, "answer"), Sdp.parse(r.answer()));
    }
  }

  private static Path baselineFile(Path folder, ScenarioResult r, String side) {
    return folder.resolve(r.scenario()).resolve(r.caller().id() + "-" + r.callee().id() + "." + side + ".sdp");
  }

  /**
   * The codec matrix, one column per pair: each codec's outcome in short ({@code ok}: negotiated and arrived, {@code
   * ok (first)} when forced by order; {@code FAIL VP8→-}: negotiated VP8, nothing arrived; {@code n/o firefox}: not
   * offered by firefox, {@code n/o either}; a trailing {@code Δ}: changed from the baseline). Empty without codec cells.
   */
  static String codecMatrix(List<ScenarioResult> results) {
    List<ScenarioResult> withCells = results.stream().filter(r -> !r.codecCells().isEmpty()).toList();
    if (withCells.isEmpty()) {
      return "";
    }
    List<String> codecs = withCells.stream().flatMap(r -> r.codecCells().stream())
        .sorted(java.util.Comparator.comparing(c -> c.kind().equals("video") ? 0 : 1)).map(CodecCell::codec).distinct().toList();
    StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "%-18s", "codec"));
    withCells.forEach(r -> m.append(String.format(Locale.ROOT, "%-19s", r.pair())));
    m.append('\n');
    for (String codec : codecs) {
      m.append(String.format(Locale.ROOT, "%-18s", codec));
      for (ScenarioResult r : withCells) {
        String cell = r.codecCells().stream().filter(c -> c.codec().equalsIgnoreCase(codec)).findFirst().map(InteropCommand::shortCell).orElse("n/o either");
        m.append(String.format(Locale.ROOT, "%-19s", cell));
      }
      m.append('\n');
    }
    return m.append('\n').toString();
  }

  private static String shortCell(CodecCell c) {
    String text = switch (c.status()) {
      case NOT_OFFERED -> "n/o " + c.message().replaceFirst("^not offered by ", "");
      case PASSED -> "ok" + (c.forcedFirst() ? " (first)" : "");
      case FAILED -> "FAIL " + (c.negotiated().isEmpty() ? "-" : c.negotiated().substring(c.negotiated().indexOf('/') + 1))
          + "→" + (c.arrived().isEmpty() ? "-" : c.arrived().substring(c.arrived().indexOf('/') + 1));
    };
    return text + (c.baselineChange().isEmpty() ? "" : " Δ");
  }

  /** The scenario x pair matrix: pass/FAIL and time to connected. */
  static String matrix(List<ScenarioResult> results) {
    List<String> pairs = results.stream().map(ScenarioResult::pair).distinct().toList();
    List<String> scenarios = results.stream().map(ScenarioResult::scenario).distinct().toList();
    StringBuilder m = new StringBuilder(String.format(Locale.ROOT, "%n%-18s", "scenario"));
    pairs.forEach(p -> m.append(String.format(Locale.ROOT, "%-19s", p)));
    m.append('\n');
    for (String s : scenarios) {
      m.append(String.format(Locale.ROOT, "%-18s", s));
      for (String p : pairs) {
        String cell = results.stream().filter(r -> r.scenario().equals(s) && r.pair().equals(p)).findFirst()
            .map(r -> (r.passed() ? "pass" : "FAIL") + (r.connectedMs() >= 0 ? " " + r.connectedMs() + "ms" : "")
                + (r.baselineChanges().isEmpty() ? "" : " Δ")).orElse("-");
        m.append(String.format(Locale.ROOT, "%-19s", cell));
      }
      m.append('\n');
    }
    return m.append('\n').toString();
  }
}
