package dev.callflow.internal.assertions;

import java.util.List;
import org.assertj.core.error.BasicErrorMessageFactory;
import org.assertj.core.error.ErrorMessageFactory;

/** A rollback (setLocalDescription of type rollback) that should have happened and succeeded, missing. */
public final class ShouldHaveRolledBack extends BasicErrorMessageFactory {
  private ShouldHaveRolledBack(String format, Object... arguments) {
    super(format, arguments);
  }

  public static ErrorMessageFactory shouldHaveRolledBack(String who, List<String> descriptionCalls) {
    return new ShouldHaveRolledBack("%nExpecting %s to roll back an offer (setLocalDescription({type: \"rollback\"}) that succeeds),"
        + " but its description calls were:%n%s", unquotedString(who), unquotedString(Quote.items(descriptionCalls)));
  }
}
