package dev.callflow.peer;

import java.util.function.Predicate;

/**
 * A described condition on timeline events, for assertions and waits that must say what they looked for.
 * {@code who} is a peer's name ({@code alice}) or one of its connections ({@code alice/pc1}; in another tab or
 * a frame {@code alice/tab2/pc1}, {@code alice/frame:call/pc1}, see {@link PeerEvent#pc()}).
 *
 * @param description what it matches, e.g. {@code bob connectionstatechange connected}
 * @param predicate the condition
 */
public record EventMatcher(String description, Predicate<PeerEvent> predicate) implements Predicate<PeerEvent> {
  @Override
  public boolean test(PeerEvent event) {
    return predicate.test(event);
  }

  /**
   * {@return whether the event happened on {@code who}}
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @param e the event
   */
  public static boolean on(String who, PeerEvent e) {
    int slash = who.indexOf('/');
    return slash < 0 ? who.equals(e.peer()) : who.substring(0, slash).equals(e.peer()) && who.substring(slash + 1).equals(e.pc());
  }

  /**
   * {@return a change to this state, e.g. {@code state("bob", ConnectionState.CONNECTED)}}
   * It is described as {@code bob connectionstatechange connected}.
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @param state the state reached, of any of the four state machines
   */
  public static EventMatcher state(String who, PeerState state) {
    return new EventMatcher(who + " " + state.change().webName() + " " + state.webName(), e -> on(who, e) && state.equals(e.state()));
  }

  /**
   * {@return a call of a WebRTC method, e.g. {@code call("alice", "createOffer")}}
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @param method the method's name, e.g. {@code setRemoteDescription}
   */
  public static EventMatcher call(String who, String method) {
    return new EventMatcher(who + " call " + method, e -> on(who, e) && e.is(EventKind.CALL) && method.equals(e.method()));
  }

  /**
   * {@return a rollback: a call of {@code setLocalDescription({type: "rollback"})}, as perfect negotiation's polite side makes}
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   */
  public static EventMatcher rollback(String who) {
    return new EventMatcher(who + " call setLocalDescription(rollback)", e -> on(who, e) && e.is(EventKind.CALL)
        && "setLocalDescription".equals(e.method()) && "rollback".equals(e.details().path("args").path(0).path("type").asText()));
  }

  /**
   * {@return any event of this kind, e.g. {@code kind("bob", EventKind.TRACK)}}
   *
   * @param who a peer's name ({@code bob}) or one of its connections ({@code bob/pc1})
   * @param kind the kind of event
   */
  public static EventMatcher kind(String who, EventKind kind) {
    return new EventMatcher(who + " " + kind.webName(), e -> on(who, e) && e.is(kind));
  }

  /**
   * {@return a mark set with {@link Peer#mark(String)} on any peer, e.g. {@code mark("clicked Call")}}
   * It is described as {@code mark 'clicked Call'}.
   *
   * @param label the mark's label, compared whole
   */
  public static EventMatcher mark(String label) {
    return new EventMatcher("mark '" + label + "'", e -> label.equals(e.markLabel()));
  }

  @Override
  public String toString() {
    return description;
  }
}
