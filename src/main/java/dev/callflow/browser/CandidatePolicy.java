package dev.callflow.browser;

/**
 * How far a browser may reach. The default keeps calls and pages on one machine hermetic: only
 * loopback candidates (127.0.0.0/8, ::1) reach the other peer, whatever the page or the signalling
 * does, and no host name other than localhost resolves (a page's CDN script fails at once).
 */
public enum CandidatePolicy {
  /** Only loopback host candidates leave the page, only this machine is reached (the default). */
  LOOPBACK,
  /** Every candidate the browser gathers leaves the page, and pages may reach other hosts. */
  ANY;

  /** {@return the policy's name as the probe on the page knows it: {@code loopback} or {@code any}} */
  public String probeName() {
    return this == LOOPBACK ? "loopback" : "any";
  }
}
