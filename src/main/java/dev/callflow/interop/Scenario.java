package dev.callflow.interop;

import dev.callflow.peer.Peer;
import dev.callflow.browser.BrowserSpec;
import dev.callflow.peer.Call;

/**
 * One standard call flow of the interop run, played by a caller and a callee on fresh pages. It
 * fails by throwing (an assertion or a typed error); it returns the call whose final offer and
 * answer go into the report and the baselines.
 */
public interface Scenario {
  /** {@return a short, stable name used in reports and baseline folders, e.g. {@code audio-video}} */
  String id();

  /** {@return one line for people, e.g. "audio+video call, both sides sending"} */
  String description();

  /**
   * Plays the flow; fails by throwing.
   *
   * @param caller the side that makes the first offer, on a fresh page
   * @param callee the side that answers, on a fresh page
   * @return the call whose final offer and answer go into the report and the baselines
   */
  Call play(Peer caller, Peer callee);

  /**
   * {@return the browser this scenario's peers need, from the run's: the same by default} A scenario that measures media
   * end to end gives them synthetic media, say.
   *
   * @param spec the run's browser for a side
   */
  default BrowserSpec browser(BrowserSpec spec) {
    return spec;
  }
}
