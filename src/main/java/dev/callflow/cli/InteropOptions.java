package dev.callflow.cli;

import dev.callflow.browser.BrowserType;
import dev.callflow.interop.CodecMatrix;
import dev.callflow.interop.Scenario;
import dev.callflow.interop.Scenarios;
import dev.callflow.net.Topology;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The interop command's arguments, parsed and checked as far as that is possible without looking at
 * the disk or the installed browsers: every value must be known, every option given at most once.
 */
final class InteropOptions {
  static final Path DEFAULT_OUT = Path.of("target/callflow-interop");
  static final List<String> VIDEO_CODECS = List.of("VP8", "VP9", "H264", "H265", "AV1");

  /** Explicit browsers ({@code --browsers}), empty for every installed one. */
  final Set<BrowserType> browsers = new LinkedHashSet<>();
  /** Explicit pairs ({@code --pairs}), each {caller, callee}. */
  final List<BrowserType[]> pairs = new ArrayList<>();
  String codec = "VP9";
  List<Scenario> scenarios;
  Path out = DEFAULT_OUT;
  boolean outGiven;
  Path baseline;
  /** The network each pair is placed in ({@code --network}), or null: both on loopback in Callflow's namespace. */
  Topology network;
  boolean headed;
  /** Whether the codec matrix is played besides the chosen scenarios ({@code --codecs}). */
  boolean codecs;
  boolean help;

  private final Set<String> seen = new HashSet<>();

  private InteropOptions() {}

  static InteropOptions parse(String... args) throws UsageException {
    InteropOptions o = new InteropOptions();
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      o.help = true;
      return o;
    }
    String scenarioList = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.startsWith("--") && !o.seen.add(option)) {
        throw new UsageException(option, null, "given twice");
      }
      switch (option) {
        case "--browsers" -> o.browsers(value(args, ++i, option));
        case "--pairs" -> o.pairs(value(args, ++i, option));
        case "--scenarios" -> scenarioList = value(args, ++i, option);
        case "--prefer-codec" -> o.codec = codec(value(args, ++i, option));
        case "--out" -> {
          o.out = path(option, value(args, ++i, option));
          o.outGiven = true;
        }
        case "--baseline" -> o.baseline = path(option, value(args, ++i, option));
        case "--network" -> o.network = network(value(args, ++i, option));
        case "--headed" -> o.headed = true;
        case "--codecs" -> o.codecs = true;
        default -> throw option.startsWith("-") ? new UsageException(option, null, "unknown option")
            : new UsageException(option, null, "unexpected argument");
      }
    }
    if (!o.browsers.isEmpty() && !o.pairs.isEmpty()) {
      throw new UsageException("--pairs", null, "cannot be combined with --browsers (--pairs names every browser itself)");
    }
    o.scenarios = scenarios(scenarioList, o.codec);
    if (o.codecs && o.scenarios.stream().noneMatch(s -> s.id().equals(CodecMatrix.ID))) {
      List<Scenario> withMatrix = new ArrayList<>(o.scenarios);
      withMatrix.add(new CodecMatrix());
      o.scenarios = List.copyOf(withMatrix);
    }
    return o;
  }

  private static String value(String[] args, int i, String option) throws UsageException {
    // An option in place of the value means the value was forgotten, not that it is "--headed".
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageException(option, null, "needs a value");
    }
    return args[i];
  }

  private void browsers(String list) throws UsageException {
    for (String name : list.split(",", -1)) {
      browsers.add(browser("--browsers", list, name));
    }
  }

  private void pairs(String list) throws UsageException {
    Set<String> distinct = new HashSet<>();
    for (String pair : list.split(",", -1)) {
      String[] ends = pair.split("-", -1);
      if (ends.length != 2) {
        throw new UsageException("--pairs", list, "'" + pair + "' is not a pair caller-callee, e.g. chrome-firefox");
      }
      BrowserType caller = browser("--pairs", list, ends[0]);
      BrowserType callee = browser("--pairs", list, ends[1]);
      if (distinct.add(caller + "-" + callee)) {
        pairs.add(new BrowserType[] {caller, callee});
      }
    }
  }

  private static BrowserType browser(String option, String list, String name) throws UsageException {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "chrome", "chromium" -> BrowserType.CHROME;
      case "firefox" -> BrowserType.FIREFOX;
      default -> throw new UsageException(option, list, "unknown browser '" + name + "' (chrome or firefox)");
    };
  }

  private static String codec(String name) throws UsageException {
    return VIDEO_CODECS.stream().filter(c -> c.equalsIgnoreCase(name.strip())).findFirst()
        .orElseThrow(() -> new UsageException("--prefer-codec", name, "unknown video codec (" + String.join(", ", VIDEO_CODECS) + ")"));
  }

  private static Topology network(String name) throws UsageException {
    return Arrays.stream(Topology.values()).filter(t -> t.id().equals(name.strip().toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new UsageException("--network", name, "unknown network (" + networks() + ")"));
  }

  static String networks() {
    return String.join(", ", Arrays.stream(Topology.values()).map(Topology::id).toList());
  }

  private static Path path(String option, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(option, value, "empty path");
    }
    try {
      return Path.of(value);
    } catch (java.nio.file.InvalidPathException e) {
      throw new UsageException(option, value, "not a valid path (" + e.getReason() + ")");
    }
  }

  /** {@return every scenario --scenarios knows: the built-in ones, then the codec matrix} */
  static List<Scenario> known(String codec) {
    List<Scenario> all = new ArrayList<>(Scenarios.all(codec));
    all.add(new CodecMatrix());
    return all;
  }

  private static List<Scenario> scenarios(String list, String codec) throws UsageException {
    if (list == null) {
      return Scenarios.all(codec); // the codec matrix only when asked for: it plays several calls per pair
    }
    List<Scenario> all = known(codec);
    List<String> wanted = List.of(list.split(",", -1));
    List<String> unknown = wanted.stream().filter(w -> all.stream().noneMatch(s -> s.id().equals(w.strip()))).toList();
    if (!unknown.isEmpty()) {
      throw new UsageException("--scenarios", list, "unknown scenario(s) " + unknown + "; known: " + names(all));
    }
    return all.stream().filter(s -> wanted.stream().anyMatch(w -> w.strip().equals(s.id()))).toList();
  }

  static String names(List<Scenario> scenarios) {
    return String.join(", ", scenarios.stream().map(Scenario::id).toList());
  }
}
