package dev.callflow.peer;

import java.util.function.Predicate;

/**
 * A described condition on timeline events, for assertions and waits that must say what they looked for.
 * {@code who} is a peer's name ({@code alice}) or one of its connections ({@code alice/pc1}).
 *
 * @param description what it matches, e.g. {@code bob connectionstatechange connected}
 * @param predicate the condition
 */
public record EventMatcher(String description, Predicate<PeerEvent> predicate) implements Predicate<PeerEvent> {
  @Override
  public boolean test(PeerEvent event) {
    return predicate.test(event);
  }

  /** True if the event happened on {@code who}: a peer, or {@code peer/pc}. */
  public static boolean on(String who, PeerEvent e) {
    int slash = who.indexOf('/');
    return slash < 0 ? who.equals(e.peer()) : who.substring(0, slash).equals(e.peer()) && who.substring(slash + 1).equals(e.pc());
  }

  /** A state change to {@code state}, e.g. {@code state("bob", "connectionstatechange", "connected")}. */
  public static EventMatcher state(String who, String change, String state) {
    return new EventMatcher(who + " " + change + " " + state, e -> on(who, e) && e.is(change) && state.equals(e.state()));
  }

  /** A call of a WebRTC method, e.g. {@code call("alice", "createOffer")}. */
  public static EventMatcher call(String who, String method) {
    return new EventMatcher(who + " call " + method, e -> on(who, e) && e.is("call") && method.equals(e.method()));
  }

  /** Any event of this type, e.g. {@code type("bob", "track")}. */
  public static EventMatcher type(String who, String type) {
    return new EventMatcher(who + " " + type, e -> on(who, e) && e.is(type));
  }

  @Override
  public String toString() {
    return description;
  }
}
