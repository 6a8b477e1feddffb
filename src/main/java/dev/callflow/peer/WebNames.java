package dev.callflow.peer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The browser's spellings of one vocabulary's constants, mapped both ways: {@code HAVE_LOCAL_OFFER} is
 * {@code have-local-offer}.
 *
 * @param <E> the enum
 */
final class WebNames<E extends Enum<E>> {
  private final String what;
  private final Map<String, E> bySpelling = new LinkedHashMap<>();

  /**
   * @param what what the spellings name, for errors, e.g. {@code connectionState}
   * @param constants every constant, in declaration order
   * @param spelling the browser's spelling of a constant
   */
  WebNames(String what, E[] constants, Function<E, String> spelling) {
    this.what = what;
    for (E constant : constants) {
      bySpelling.put(spelling.apply(constant), constant);
    }
  }

  /** The usual spelling: lower case, words joined by hyphens. */
  static String spell(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant spelled so, or null for a spelling this vocabulary does not have. */
  E find(String spelling) {
    return spelling == null ? null : bySpelling.get(spelling);
  }

  /** The constant spelled so; an unknown spelling is an {@link IllegalArgumentException} listing the known ones. */
  E parse(String spelling) {
    E found = find(spelling);
    if (found == null) {
      throw new IllegalArgumentException("Unknown " + what + (spelling == null ? " null" : " '" + spelling + "'")
          + "; expected one of: " + String.join(", ", bySpelling.keySet()));
    }
    return found;
  }
}
