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
}
