package dev.callflow.cli;

/** A mistake on the command line: the option as given, its value and what is wrong with it. */
final class UsageException extends Exception {
  /**
   * @param option the option, e.g. {@code --out}
   * @param value its value as given, or null when the problem is the option itself
   * @param problem what is wrong, e.g. {@code a file, not a folder}
   */
  UsageException(String option, String value, String problem) {
    super(option + (value == null ? "" : " " + shown(value)) + ": " + problem);
  }

  /** A mistake that is not one option's, e.g. nothing to run. */
  UsageException(String message) {
    super(message);
  }

  // Quotes a value that would otherwise be invisible or misleading in the message.
  private static String shown(String value) {
    return value.isEmpty() || !value.equals(value.strip()) ? "'" + value + "'" : value;
  }
}
