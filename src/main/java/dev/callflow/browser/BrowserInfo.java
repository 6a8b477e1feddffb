package dev.callflow.browser;

/**
 * What was actually launched: recorded in reports so a failure names the exact browser build.
 *
 * @param type the browser family
 * @param name the browser name the driver reported, e.g. {@code chrome} or {@code firefox}
 * @param version the browser version, e.g. {@code 156.0.8078.108}
 * @param driverVersion the driver version, e.g. {@code 0.37.1}
 */
public record BrowserInfo(BrowserType type, String name, String version, String driverVersion) {
  @Override
  public String toString() {
    return name + " " + version + " (driver " + driverVersion + ")";
  }
}
