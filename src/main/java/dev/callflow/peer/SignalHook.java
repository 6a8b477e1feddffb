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
  SignalAction apply(Signal signal);
}
