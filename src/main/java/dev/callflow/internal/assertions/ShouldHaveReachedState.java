package dev.callflow.internal.assertions;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A state never reached. */
public final class ShouldHaveReachedState extends BasicErrorMessageFactory {
  private ShouldHaveReachedState(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveReachedState(String who, String change, String state, List<String> seen) {
    return new ShouldHaveReachedState("%nExpecting %s to reach %s %s, but the states it went through are:%n%s", unquotedString(who), unquotedString(change), state, unquotedString(Quote.items(seen)));
  }
}
