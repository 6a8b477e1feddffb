package dev.callflow.internal.assertions;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** Errors or uncaught exceptions on a peer's page. */
public final class ShouldHaveNoPageErrors extends BasicErrorMessageFactory {
  private ShouldHaveNoPageErrors(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveNoPageErrors(String peer, List<String> errors) {
    return new ShouldHaveNoPageErrors("%nExpecting the pages of %s to have no errors, but they had:%n%s", unquotedString(peer), unquotedString(Quote.items(errors)));
  }
}
