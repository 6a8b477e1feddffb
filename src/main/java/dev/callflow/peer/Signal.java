package dev.callflow.peer;

/**
 * A message on its way from one peer to the other through Callflow's relay.
 *
 * @param kind what it is
 * @param from the sending peer's name
 * @param to the receiving peer's name
 * @param text the SDP, or the {@code candidate:...} line
 */
public record Signal(Kind kind, String from, String to, String text) {
  /** The kinds of signalling messages. */
  public enum Kind {
    /** An offer's SDP, caller to callee. */
    OFFER,
    /** An answer's SDP, callee to caller. */
    ANSWER,
    /** A trickled {@code candidate:...} line, either way. */
    CANDIDATE
  }

  /**
   * {@return the same signal with other text}
   *
   * @param newText the SDP, or the {@code candidate:...} line
   */
  public Signal withText(String newText) {
    return new Signal(kind, from, to, newText);
  }

  @Override
  public String toString() {
    return kind + " " + from + "→" + to + (kind == Kind.CANDIDATE ? " " + text : "");
  }
}
