package dev.callflow.browser;

/**
 * Which ICE candidates may leave a page. The default keeps calls on one machine hermetic: only
 * loopback candidates (127.0.0.0/8, ::1) reach the other peer, whatever the page or the signalling does.
 */
public enum CandidatePolicy {
  /** Only loopback host candidates leave the page (the default). */
  LOOPBACK,
  /** Every candidate the browser gathers leaves the page. */
  ANY;

  String probeName() {
    return this == LOOPBACK ? "loopback" : "any";
  }
}
