package dev.callflow.cli;

import dev.callflow.Callflow;
import dev.callflow.browser.BrowserLauncher;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.BrowserType;
import dev.callflow.interop.InteropRun;
import dev.callflow.interop.Scenario;
import dev.callflow.interop.ScenarioResult;
import dev.callflow.interop.Scenarios;
import dev.callflow.report.InteropReport;
import dev.callflow.sdp.Sdp;
import dev.callflow.sdp.SdpBaseline;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The interop run ({@code ci/interop.sh}): every scenario over every ordered pair of the installed
 * browsers, a matrix on the console as it goes, HTML and JSON reports, and negotiation baselines.
 * Exit status: 0 all passed with no baseline change, 1 a failure or a baseline change, 2 bad arguments.
 */
public final class InteropCommand {
  static final String USAGE = """
      Usage: ci/interop.sh [options]
        --browsers chrome,firefox   browsers to pair (default: every installed one)
        --pairs chrome-firefox,...  exact caller-callee pairs instead of every pair of --browsers
        --scenarios a,b             scenarios to run (default: all): %s
        --prefer-codec VP9          the video codec the codec-preference scenario prefers (default VP9)
        --out DIR                   report folder (default target/callflow-interop)
        --baseline DIR              compare negotiation with a previous run's DIR (e.g. its <out>/baseline)
        --headed                    show the browsers (needs a display)
      """;

  private InteropCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** Runs the command; returns its exit status. */
  public static int run(String[] args, PrintStream out) {
    List<BrowserType[]> pairs = new ArrayList<>();
    List<BrowserType> browsers = new ArrayList<>();
    List<String> wanted = new ArrayList<>();
    String codec = "VP9";
    Path folder = Path.of("target/callflow-interop");
    Path baseline = null;
    boolean headed = false;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--browsers" -> Arrays.stream(args[++i].split(",")).map(InteropCommand::browser).forEach(browsers::add);
          case "--pairs" -> Arrays.stream(args[++i].split(",")).map(p -> p.split("-"))
              .map(p -> new BrowserType[] {browser(p[0]), browser(p[p.length - 1])}).forEach(pairs::add);
          case "--scenarios" -> wanted.addAll(List.of(args[++i].split(",")));
          case "--prefer-codec" -> codec = args[++i];
          case "--out" -> folder = Path.of(args[++i]);
          case "--baseline" -> baseline = Path.of(args[++i]);
          case "--headed" -> headed = true;
          case "--help", "-h" -> {
            out.printf(USAGE, names(Scenarios.all(codec)));
            return 0;
          }
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      out.println("interop: " + (e instanceof ArrayIndexOutOfBoundsException ? "an option lacks its value" : e.getMessage()));
      out.printf(USAGE, names(Scenarios.all(codec)));
      return 2;
    }
    List<Scenario> scenarios = new ArrayList<>();
    for (Scenario s : Scenarios.all(codec)) {
      if (wanted.isEmpty() || wanted.contains(s.id())) {
        scenarios.add(s);
      }
    }
    List<String> unknown = wanted.stream().filter(w -> scenarios.stream().noneMatch(s -> s.id().equals(w))).toList();
    if (!unknown.isEmpty()) {
      out.println("interop: unknown scenario(s) " + unknown + "; known: " + names(Scenarios.all(codec)));
      return 2;
    }
    if (baseline != null && !Files.isDirectory(baseline)) {
      out.println("interop: no baseline folder at " + baseline.toAbsolutePath());
      return 2;
    }
    if (pairs.isEmpty()) {
      if (browsers.isEmpty()) {
        Arrays.stream(BrowserType.values()).filter(BrowserLauncher::isInstalled).forEach(browsers::add);
      }
      if (browsers.isEmpty()) {
        out.println("interop: no browser found; run ci/setup.sh (as root) to install Chromium and Firefox");
        return 2;
      }
      for (BrowserType a : browsers) {
        for (BrowserType b : browsers) {
          pairs.add(new BrowserType[] {a, b});
        }
      }
    }
    return play(scenarios, pairs, folder, baseline, headed, out);
  }

  private static int play(List<Scenario> scenarios, List<BrowserType[]> pairs, Path folder, Path baseline, boolean headed,
      PrintStream out) {
    Instant started = Instant.now();
    long start = System.nanoTime();
    int total = scenarios.size() * pairs.size();
    out.printf(Locale.ROOT, "Callflow interop: %d scenarios x %d browser pairs%n", scenarios.size(), pairs.size());
    List<ScenarioResult> results = new ArrayList<>();
    try (Callflow callflow = Callflow.start()) {
      InteropRun run = new InteropRun(callflow, type -> headed ? BrowserSpec.of(type).withHeaded() : BrowserSpec.of(type));
      run.play(scenarios, pairs, r -> {
        ScenarioResult checked = baseline == null ? r : r.withBaselineChanges(compare(baseline, r));
        results.add(checked);
        saveBaseline(folder.resolve("baseline"), checked);
        out.printf(Locale.ROOT, "[%2d/%d] %-17s %-17s %s%s%s%n", results.size(), total, checked.scenario(), checked.pair(),
            checked.passed() ? "passed" : "FAILED", checked.connectedMs() >= 0 ? " connected in " + checked.connectedMs() + " ms" : "",
            checked.baselineChanges().isEmpty() ? "" : ", " + checked.baselineChanges().size() + " baseline change(s)");
        if (!checked.passed()) {
          out.println("        " + checked.message().lines().findFirst().orElse(""));
        }
        checked.baselineChanges().forEach(c -> out.println("        " + c));
      });
      long duration = (System.nanoTime() - start) / 1_000_000;
      InteropReport.write(folder, run.browsers().values(), results, started, duration);
      out.print(matrix(results));
      long failed = results.stream().filter(r -> !r.passed()).count();
      long changed = results.stream().filter(r -> !r.baselineChanges().isEmpty()).count();
      out.printf(Locale.ROOT, "%d passed, %d failed%n", results.size() - failed, failed);
      out.printf(Locale.ROOT, "%d with baseline changes; wall time %.1f s; report %s%n", changed, duration / 1000.0,
          folder.resolve("index.html").toAbsolutePath());
      return failed > 0 || changed > 0 ? 1 : 0;
    }
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
      changes.addAll(SdpBaseline.compare(file, side[0], Sdp.parse(side[1])));
    }
    return changes;
  }

  private static void saveBaseline(Path folder, ScenarioResult r) {
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

  private static BrowserType browser(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "chrome", "chromium" -> BrowserType.CHROME;
      case "firefox" -> BrowserType.FIREFOX;
      default -> throw new IllegalArgumentException("unknown browser '" + name + "' (chrome or firefox)");
    };
  }

  private static String names(List<Scenario> scenarios) {
    return String.join(", ", scenarios.stream().map(Scenario::id).toList());
  }
}
