package dev.callflow.browser;

import java.util.Locale;

/** The browsers Callflow drives. */
public enum BrowserType {
  /** Chrome or Chromium, through chromedriver. */
  CHROME,
  /** Firefox (ESR or release), through geckodriver. */
  FIREFOX;

  /** {@return the lower-case name used in test names and reports, e.g. {@code chrome}} */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
