package dev.callflow.internal.assertions;

import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A state that should never be reached, reached. */
public final class ShouldNeverReachState extends BasicErrorMessageFactory {
  private ShouldNeverReachState(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldNeverReachState(String who, String change, String state, String event) {
    return new ShouldNeverReachState("%nExpecting %s never to reach %s %s, but it did:%n  %s", unquotedString(who), unquotedString(change), state, unquotedString(event));
  }
}
