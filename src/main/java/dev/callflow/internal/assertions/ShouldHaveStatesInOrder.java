package dev.callflow.internal.assertions;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** States not in the expected order. */
public final class ShouldHaveStatesInOrder extends BasicErrorMessageFactory {
  private ShouldHaveStatesInOrder(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveStatesInOrder(String who, String change, List<String> expected, List<String> seen) {
    return new ShouldHaveStatesInOrder("%nExpecting %s to go through %s states in the order%n  %s%nbut it went through%n  %s", unquotedString(who), unquotedString(change), expected, seen);
  }
}
