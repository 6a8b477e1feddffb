package dev.callflow.interop;

import dev.callflow.peer.Peer;
import dev.callflow.peer.Call;

/**
 * One standard call flow of the interop run, played by a caller and a callee on fresh pages. It
 * fails by throwing (an assertion or a typed error); it returns the call whose final offer and
 * answer go into the report and the baselines.
 */
public interface Scenario {
  /** A short, stable name used in reports and baseline folders, e.g. {@code audio-video}. */
  String id();

  /** One line for people, e.g. "audio+video call, both sides sending". */
  String description();

  Call play(Peer caller, Peer callee);
}
