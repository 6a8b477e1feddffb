package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveNoPageErrors.shouldHaveNoPageErrors;

import dev.callflow.peer.EventKind;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerEvent;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a peer's page. */
public class PeerAssert extends AbstractAssert<PeerAssert, Peer> {
  /**
   * Assertions on this peer; {@link CallflowAssertions#assertThat(Peer)} is the usual way in.
   *
   * @param actual the peer, checked for null by each assertion
   */
  public PeerAssert(Peer actual) {
    super(actual, PeerAssert.class);
  }

  /**
   * The pages had no errors: no console error, uncaught exception or unhandled rejection, no rejected WebRTC
   * or getUserMedia call, no resource that failed to load, no lost events (see {@link PeerEvent#isPageError()}).
   *
   * @return this assertion, to chain more
   * @throws AssertionError if they had, listing the errors
   */
  public PeerAssert hasNoPageErrors() {
    isNotNull();
    List<String> errors = actual.events().stream().filter(PeerEvent::isPageError).map(PeerEvent::describe).toList();
    if (!errors.isEmpty()) {
      throwAssertionError(shouldHaveNoPageErrors(actual.name(), errors));
    }
    return this;
  }
}
