package dev.callflow.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fuzzes {@link Sdp#parse} with mutations of the captured SDPs in {@code src/test/resources/sdp}. A
 * mutated text is either accepted, and then written back as it came (line ends as CRLF), read through
 * every accessor, normalized and diffed without an exception; or rejected with an
 * {@link SdpParseException} that names one of its lines. Any other exception fails the test.
 *
 * <p>The inputs are the same on every run: each test makes {@code sdp.fuzz.tries} inputs (default
 * 100, 1,500 in all) from {@code sdp.fuzz.seed} (default 1). To try other inputs, or more:
 * {@code mvn test -Dtest=SdpFuzzTest -Dsdp.fuzz.seed=42 -Dsdp.fuzz.tries=20000}. A failure names the
 * seed, the try and the changed line.
 */
class SdpFuzzTest {
  /** Seed 1 finds the NumberFormatException, NullPointerException and StackOverflowError of issue "Hostile SDP". */
  private static final long SEED = Long.getLong("sdp.fuzz.seed", 1L);
  private static final int TRIES = Integer.getInteger("sdp.fuzz.tries", 100);
  private static final List<Capture> CAPTURES = captures();
  private static final Pattern DIGITS = Pattern.compile("\\d+");
  private static final String[] HOSTILE_NUMBERS = {"99999999999999999999", "9223372036854775808", "4294967296",
      "2147483648", "65536", "128", "0", "000000000000000000000000001"};
  private static final String[] NOT_NUMBERS = {"x", "", " ", "-", "+1", "1.5", "1e3", "0x1F", "\u0661\u0662", "\uff11\uff12"};
  private static final String[] ODD_CHARACTERS = {"\u00e9", "\u0661", "\uff11", "\u00a0", "\u2028", "\u202e", "\ufeff",
      "\ufffd", "\ud83d\ude00", "\ud800", "\u0000", "\r", "\n", "\t", "\u0085", ":", " ", "/", "="};

  /** A captured SDP, parsed, and what its normalized form parses to. */
  private record Capture(String name, String text, Sdp parsed, Sdp normalized) {}

  /** One way to break an SDP. Each takes the lines (CRLF removed) and a random source, and gives the new text. */
  enum Mutation {
    HUGE_NUMBER((lines, r) -> replaceNumber(lines, r, n -> pick(r, HOSTILE_NUMBERS))),
    NEGATIVE_NUMBER((lines, r) -> replaceNumber(lines, r, n -> "-" + n)),
    NOT_A_NUMBER((lines, r) -> replaceNumber(lines, r, n -> pick(r, NOT_NUMBERS))),
    REPEAT_TOKEN_2000_TIMES((lines, r) -> {
      int i = pickLine(lines, r);
      String[] tokens = lines.get(i).split(" ", -1);
      int t = r.nextInt(tokens.length);
      // Mostly with spaces, as SDP lists things (formats, SSRCs); else as in fingerprints, fmtp, rtpmap.
      String separator = r.nextInt(4) > 0 ? " " : pick(r, ":", ";", "/");
      tokens[t] = String.join(separator, Collections.nCopies(2000, tokens[t]));
      lines.set(i, String.join(" ", tokens));
      return crlf(lines);
    }),
    DROP_TOKEN((lines, r) -> {
      int i = pickLine(lines, r);
      List<String> tokens = new ArrayList<>(List.of(lines.get(i).split(" ", -1)));
      tokens.remove(r.nextInt(tokens.size()));
      lines.set(i, String.join(" ", tokens));
      return crlf(lines);
    }),
    TRUNCATE_LINE((lines, r) -> {
      int i = pickLine(lines, r);
      lines.set(i, lines.get(i).substring(0, r.nextInt(lines.get(i).length() + 1)));
      return crlf(lines);
    }),
    DROP_VALUE_AFTER_COLON((lines, r) -> {
      int i = pickLine(lines, r);
      int colon = lines.get(i).indexOf(':');
      if (colon >= 0) {
        lines.set(i, lines.get(i).substring(0, r.nextBoolean() ? colon : colon + 1));
      }
      return crlf(lines);
    }),
    INSERT_RANDOM_CHARACTERS((lines, r) -> {
      StringBuilder inserted = new StringBuilder();
      for (int n = 1 + r.nextInt(8); n > 0; n--) {
        inserted.append(r.nextBoolean() ? String.valueOf((char) r.nextInt(256)) : pick(r, ODD_CHARACTERS));
      }
      int i = pickLine(lines, r);
      int at = r.nextInt(lines.get(i).length() + 1);
      lines.set(i, lines.get(i).substring(0, at) + inserted + lines.get(i).substring(at));
      return crlf(lines);
    }),
    REPLACE_WITH_UNICODE((lines, r) -> {
      int i = pickLine(lines, r);
      int at = r.nextInt(lines.get(i).length() + 1);
      String line = lines.get(i);
      lines.set(i, line.substring(0, at) + pick(r, ODD_CHARACTERS) + line.substring(Math.min(at + 1, line.length())));
      return crlf(lines);
    }),
    INSERT_EMPTY_LINE((lines, r) -> {
      lines.add(r.nextInt(lines.size() + 1), "");
      return crlf(lines);
    }),
    CHANGE_LINE_ENDS((lines, r) -> {
      String text = crlf(lines);
      return switch (r.nextInt(6)) {
        case 0 -> text.replace("\r\n", "\r");
        case 1 -> text.replace("\r\n", "\n");
        case 2 -> text.replaceFirst("\r\n", "\r");
        case 3 -> text.substring(0, text.length() - 2);
        case 4 -> text + "\r\n";
        default -> text.replace("\r\n", "\n\r");
      };
    }),
    DUPLICATE_LINE((lines, r) -> {
      int i = pickLine(lines, r);
      for (int n = r.nextBoolean() ? 1 : 500; n > 0; n--) {
        lines.add(i, lines.get(i));
      }
      return crlf(lines);
    }),
    MOVE_LINE((lines, r) -> {
      String line = lines.remove(pickLine(lines, r));
      lines.add(r.nextInt(lines.size() + 1), line);
      return crlf(lines);
    }),
    CHANGE_LINE_TYPE((lines, r) -> {
      int i = pickLine(lines, r);
      String line = lines.get(i);
      lines.set(i, pick(r, "m", "a", "v", "c", "A", "1", "") + (line.isEmpty() ? "" : line.substring(1)));
      return crlf(lines);
    });

    private final BiFunction<List<String>, Random, String> mutate;

    Mutation(BiFunction<List<String>, Random, String> mutate) {
      this.mutate = mutate;
    }

    String apply(String text, Random random) {
      return mutate.apply(new ArrayList<>(List.of(text.split("\r\n"))), random);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Mutation.class)
  void mutatedCapturesParseOrNameALine(Mutation mutation) {
    Random random = new Random(SEED ^ mutation.name().hashCode());
    for (int i = 0; i < TRIES; i++) {
      Capture capture = CAPTURES.get(random.nextInt(CAPTURES.size()));
      check(capture, mutation.apply(capture.text(), random), mutation + " try " + i);
    }
  }

  @Test
  void stackedMutationsParseOrNameALine() {
    Random random = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      Capture capture = CAPTURES.get(random.nextInt(CAPTURES.size()));
      String text = capture.text();
      List<Mutation> applied = new ArrayList<>();
      for (int n = 2 + random.nextInt(3); n > 0 && !text.isEmpty(); n--) {
        applied.add(pick(random, Mutation.values()));
        text = applied.get(applied.size() - 1).apply(text, random);
      }
      check(capture, text, applied + " try " + i);
    }
  }

  /** The property, with what to rerun in the message of a failure. */
  private static void check(Capture capture, String text, String what) {
    try {
      checkText(capture, text);
    } catch (Throwable e) {
      throw new AssertionError("Seed " + SEED + ", " + what + " on " + capture.name() + ", " + firstChange(capture.text(), text)
          + ": " + e, e);
    }
  }

  private static void checkText(Capture capture, String text) {
    Sdp sdp;
    try {
      sdp = Sdp.parse(text);
    } catch (SdpParseException e) {
      assertNamesALine(e, text);
      return;
    }
    assertThat(sdp.write()).isEqualTo(text.replaceAll("\r?\n", "\r\n") + (text.endsWith("\n") ? "" : "\r\n"));
    assertThat(Sdp.parse(sdp.write())).isEqualTo(sdp);
    readEverything(sdp);

    String normal = SdpNormalizer.normalize(sdp);
    Sdp normalized = Sdp.parse(normal);
    assertThat(SdpNormalizer.normalize(normalized)).isEqualTo(normal);
    readEverything(normalized);
    SdpDiff.between("fuzz", capture.normalized(), normalized);
    SdpDiff.between("fuzz", capture.parsed(), sdp);
    assertThat(SdpDiff.between("fuzz", sdp, sdp)).isEmpty();
  }

  private static void assertNamesALine(SdpParseException e, String text) {
    String[] lines = text.split("\r?\n", -1);
    int n = e.lineNumber();
    if (n == 0) {
      assertThat(text).isBlank();
      return;
    }
    assertThat(n).isBetween(1, lines.length);
    assertThat(e.line()).isEqualTo(lines[n - 1]);
    assertThat(e.getMessage()).startsWith("Invalid SDP at line " + n + ": ")
        .endsWith("\n  " + n + ": " + SdpParseException.printable(e.line()));
  }

  /**
   * Every public method of the model: those without arguments by reflection, so that new ones are covered
   * too; the others once for each distinct name or value the SDP holds (not once a line: a line repeated
   * 2000 times would make that quadratic).
   */
  private static void readEverything(Sdp sdp) {
    callAccessors(sdp, 0);
    Set<String> names = new LinkedHashSet<>();
    Set<String> values = new LinkedHashSet<>();
    sdp.lines().forEach(line -> {
      names.add(line.attributeName());
      values.add(line.value());
    });
    names.forEach(name -> sdp.attribute(name));
    sdp.media().stream().map(MediaSection::kind).distinct().forEach(sdp::media);
    sdp.media().stream().flatMap(m -> m.mid().stream()).distinct().forEach(sdp::mediaWithMid);
    for (MediaSection m : sdp.media()) {
      m.codecs().stream().map(Codec::name).distinct()
          .forEach(name -> assertThat(m.codec(name)).hasValueSatisfying(c -> assertThat(c.is(name)).isTrue()));
      names.forEach(name -> {
        m.attribute(name);
        m.attributes(name);
      });
    }
    if (!sdp.media().isEmpty()) {
      MediaSection first = sdp.media().get(0);
      values.forEach(value -> {
        first.hasFlag(value);
        first.linesContaining(value);
      });
    }
  }

  private static void callAccessors(Object value, int depth) {
    if (value instanceof Optional<?> o) {
      o.ifPresent(v -> callAccessors(v, depth));
    } else if (value instanceof Collection<?> c) {
      c.forEach(v -> callAccessors(v, depth));
    } else if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> callAccessors(v, depth));
    } else if (value != null && value.getClass().getPackage() == Sdp.class.getPackage() && depth < 5) {
      for (Method method : value.getClass().getMethods()) {
        if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
            && method.getDeclaringClass() != Object.class) {
          callAccessors(invoke(method, value), depth + 1);
        }
      }
    } else {
      String.valueOf(value);
    }
  }

  private static Object invoke(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (InvocationTargetException e) {
      throw new AssertionError(method.getDeclaringClass().getSimpleName() + "." + method.getName() + "() threw " + e.getCause(),
          e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---- mutation helpers

  /** Replaces a number of a line that has numbers. */
  private static String replaceNumber(List<String> lines, Random random, UnaryOperator<String> replacement) {
    List<String> withNumbers = lines.stream().filter(l -> DIGITS.matcher(l).find()).toList();
    if (withNumbers.isEmpty()) {
      return crlf(lines); // an earlier mutation of a stack removed them all
    }
    int i = lines.indexOf(withNumbers.get(pickLine(withNumbers, random)));
    List<int[]> numbers = new ArrayList<>();
    Matcher m = DIGITS.matcher(lines.get(i));
    while (m.find()) {
      numbers.add(new int[] {m.start(), m.end()});
    }
    int[] n = numbers.get(random.nextInt(numbers.size()));
    String line = lines.get(i);
    lines.set(i, line.substring(0, n[0]) + replacement.apply(line.substring(n[0], n[1])) + line.substring(n[1]));
    return crlf(lines);
  }

  /**
   * The index of a line, each kind of line ({@code m=}, {@code a=rtpmap}, {@code c=}...) as likely as any
   * other: picked uniformly, the 30 candidate lines of an offer would crowd out its one msid-semantic.
   */
  private static int pickLine(List<String> lines, Random random) {
    Map<String, List<Integer>> byKind = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      String kind = !line.startsWith("a=") ? line.substring(0, Math.min(2, line.length()))
          : colon < 0 ? line : line.substring(0, colon);
      byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(i);
    }
    List<Integer> ofKind = new ArrayList<>(byKind.values()).get(random.nextInt(byKind.size()));
    return ofKind.get(random.nextInt(ofKind.size()));
  }

  private static String crlf(List<String> lines) {
    return lines.isEmpty() ? "" : String.join("\r\n", lines) + "\r\n";
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** Where the mutated text first differs, for the failure message. */
  private static String firstChange(String original, String mutated) {
    String[] a = original.split("\r?\n", -1);
    String[] b = mutated.split("\r?\n", -1);
    for (int i = 0; i < b.length; i++) {
      if (i >= a.length || !a[i].equals(b[i])) {
        String line = SdpParseException.printable(b[i]);
        return "line " + (i + 1) + " now '" + (line.length() > 300 ? line.substring(0, 300) + "..." : line) + "'";
      }
    }
    return "lines removed from line " + (b.length + 1);
  }

  private static List<Capture> captures() {
    try (Stream<Path> files = Files.list(Path.of(SdpFuzzTest.class.getResource("/sdp").toURI()))) {
      List<Capture> out = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Sdp sdp = Sdp.parse(text);
        out.add(new Capture(file.getFileName().toString(), text, sdp, Sdp.parse(SdpNormalizer.normalize(sdp))));
      }
      return List.copyOf(out);
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("Cannot read the captured SDPs", e);
    }
  }
}
