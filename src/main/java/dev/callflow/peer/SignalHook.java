package dev.callflow.peer;

/**
 * Sees each offer, answer and candidate on its way to the other peer, and decides what happens to it.
 *
 * <pre>{@code
 * alice.call(bob)
 *     .withHook(s -> s.kind() == Signal.Kind.CANDIDATE && s.text().contains(" tcp ") ? SignalAction.drop() : SignalAction.forward())
 *     .withHook(s -> s.kind() == Signal.Kind.OFFER ? SignalAction.rewrite(s.text().replace("a=sendrecv", "a=sendonly")) : SignalAction.forward())
 *     .connect();
 * }</pre>
 */
@FunctionalInterface
public interface SignalHook {
  /**
   * Decides what happens to one signal; keep it short. What a hook throws for an offer or answer fails the
   * exchange (the test's {@code connect()} or {@code renegotiate()} throws it); for a candidate, which is relayed
   * on the thread that delivers events, it goes into the timeline as a {@code hookerror} and the candidate is
   * not delivered.
   *
   * @param signal the offer, answer or candidate on its way
   * @return forward, rewrite, delay or drop
   */
  SignalAction apply(Signal signal);

  /**
   * {@return a hook that lets through only candidates of these types ({@code host}, {@code srflx}, {@code prflx},
   * {@code relay}), trickled or in an offer or answer, from every peer} e.g. {@code SignalHook.keepCandidates("relay")}
   * makes a call connect through its TURN server although the browsers gather host candidates too.
   *
   * @param types the candidate types to let through
   */
  static SignalHook keepCandidates(String... types) {
    return keepCandidatesFrom(null, types);
  }

  /**
   * {@return a hook that lets through only candidates of these types from the peer named {@code from}; the other
   * peer's candidates pass as they are}
   *
   * @param from the sending peer's name, e.g. {@code alice}
   * @param types the candidate types to let through ({@code host}, {@code srflx}, {@code prflx}, {@code relay})
   */
  static SignalHook keepCandidatesFrom(String from, String... types) {
    java.util.Set<String> kept = java.util.Set.of(types);
    java.util.function.Predicate<String> passes = line -> {
      String[] words = line.trim().split(" ");
      for (int i = 0; i + 1 < words.length; i++) {
        if (words[i].equals("typ")) {
          return kept.contains(words[i + 1]);
        }
      }
      return true; // no type: end of candidates
    };
    return signal -> {
      if (from != null && !from.equals(signal.from())) {
        return SignalAction.forward();
      }
      if (signal.kind() == Signal.Kind.CANDIDATE) {
        return passes.test(signal.text()) ? SignalAction.forward() : SignalAction.drop();
      }
      String[] lines = signal.text().split("\r\n", -1);
      StringBuilder sdp = new StringBuilder();
      for (int i = 0; i < lines.length; i++) {
        if (lines[i].startsWith("a=candidate:") && !passes.test(lines[i])) {
          continue;
        }
        sdp.append(lines[i]);
        if (i < lines.length - 1) {
          sdp.append("\r\n");
        }
      }
      return sdp.length() == signal.text().length() ? SignalAction.forward() : SignalAction.rewrite(sdp.toString());
    };
  }

  /**
   * {@return a hook that makes each answer accept the simulcast layers of the offer before it, as an SFU answers}
   * For every section whose offer sends {@code a=simulcast:send q;h;f}, it adds {@code a=rid:q recv}... and
   * {@code a=simulcast:recv q;h;f} to the answer when the answering browser left them out: neither Chromium nor
   * Firefox accepts simulcast as a receiver, and without them the sender keeps its first layer only. The receiving
   * browser then gets the layers' packets on one m-section and decodes one of them.
   */
  static SignalHook answerSimulcast() {
    return new SimulcastAnswer();
  }
}
