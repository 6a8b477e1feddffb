package dev.callflow.failure;

/**
 * A setting was given explicitly but cannot be used: a path that does not exist or is not
 * executable, a value that does not parse. Callflow never falls back to a default or to discovery for
 * it; the message names the setting, the value and what is wrong, e.g.
 * {@code Invalid -Dcallflow.firefox.binary=/nonexistent: no such file}.
 */
public final class ConfigurationException extends CallflowException {
  /** The setting's name as the user wrote it. */
  private final String setting;
  /** The value as given. */
  private final String value;

  /**
   * A setting that cannot be used; the message reads {@code Invalid <setting>=<value>: <problem>}.
   *
   * @param setting how the user wrote the setting's name, e.g. {@code -Dcallflow.headed}
   * @param value the value as given
   * @param problem what is wrong with it, e.g. {@code expected true or false}
   */
  public ConfigurationException(String setting, String value, String problem) {
    super("Invalid " + setting + "=" + shown(value) + ": " + problem);
    this.setting = setting;
    this.value = value;
  }

  /** {@return the setting's name as the user wrote it, e.g. {@code -Dcallflow.headed}} */
  public String setting() {
    return setting;
  }

  /** {@return the value as given, unchanged (blank or padded if it was)} */
  public String value() {
    return value;
  }

  // Quotes only when the value would otherwise be invisible or misleading in the message.
  private static String shown(String value) {
    return value.isEmpty() || !value.equals(value.strip()) ? '"' + value + '"' : value;
  }
}
