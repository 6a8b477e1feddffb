package dev.callflow.report;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * File names of the evidence. Test names, peer names, connection and document ids come from tests
 * and pages, so each becomes one plain file name: unsafe characters replaced, never {@code .} or
 * {@code ..}, no leading dot, at most {@value #MAX_PART} characters; and every path is checked to stay
 * in its folder.
 */
final class EvidenceFiles {
  static final int MAX_PART = 64;
  private static final String RESERVED = "(?i)(con|prn|aux|nul|com\\d|lpt\\d)(\\..*)?";

  private EvidenceFiles() {}

  /** One safe file-name part for a name that came from a test or a page. */
  static String part(String raw) {
    String s = raw == null ? "" : raw.replaceAll("[^A-Za-z0-9._\\-\\[\\]→]", "_");
    if (s.isEmpty() || s.startsWith(".") || s.matches(RESERVED)) {
      s = "_" + s; // also turns "." and ".." into plain names
    }
    if (s.length() > MAX_PART) {
      // Cut, with a hash of the whole name so that names differing only late stay apart. A test's
      // invocation ("[chrome→firefox]", "[2]") is what tells its folders apart: it is kept, the name before it cut.
      String hash = "-" + String.format("%08x", raw.hashCode());
      int bracket = s.indexOf('[');
      String tail = bracket > 0 ? s.substring(bracket) : "";
      int room = MAX_PART - hash.length() - tail.length();
      s = room >= 8 ? s.substring(0, room) + hash + tail : s.substring(0, MAX_PART - hash.length()) + hash;
    }
    return s;
  }

  /** {@code <root>/<test class>/<test name>}, each a safe part. */
  static Path folder(Path root, String testClass, String testName) {
    return inside(root, root.resolve(part(testClass)).resolve(part(testName)));
  }

  /** {@code <folder>/<part>-<part>...<suffix>}: the parts made safe, the suffix (e.g. {@code .json}) as given. */
  static Path file(Path folder, String suffix, String... parts) {
    String name = Arrays.stream(parts).map(EvidenceFiles::part).collect(Collectors.joining("-")) + suffix;
    return inside(folder, folder.resolve(name));
  }

  private static Path inside(Path folder, Path path) {
    Path base = folder.toAbsolutePath().normalize();
    Path resolved = path.toAbsolutePath().normalize();
    if (!resolved.startsWith(base) || resolved.equals(base)) {
      throw new IllegalArgumentException("Evidence path " + path + " leaves its folder " + folder);
    }
    return path;
  }
}
