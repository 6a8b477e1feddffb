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
  /** {@return the browser and its version, e.g. {@code firefox 153.8.0}, as page errors name it} */
  public String nameAndVersion() {
    return name + " " + version;
  }

  /** {@code chrome 156.0.8078.108 (driver 156.0.8078.108)}: for a room or file name, use {@code type().id()}. */
  @Override
  public String toString() {
    return name + " " + version + " (driver " + driverVersion + ")";
  }
}
