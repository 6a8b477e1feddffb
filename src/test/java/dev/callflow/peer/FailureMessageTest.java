package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.failure.CallflowTimeoutError;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.EachBrowser;
import java.time.Duration;

/** A wait's failure in a real browser leads with what went wrong on the page. */
@CallflowTest
class FailureMessageTest {
  @EachBrowser
  void aRejectedOperationComesRightAfterTheHeadline(Peer alice) {
    PeerConnection pc = alice.createPeerConnection();
    DomException rejected = catchThrowableOfType(DomException.class,
        () -> pc.setRemoteDescription(SessionDescription.answer("v=0\r\nnot an answer\r\n")));

    CallflowTimeoutError error = catchThrowableOfType(CallflowTimeoutError.class,
        () -> pc.awaitConnectionState(ConnectionState.CONNECTED, Duration.ofMillis(100)));

    assertThat(error.getMessage().lines().limit(3)).containsExactly(
        "alice/pc1 should reach connectionState 'connected' within 100ms",
        "Page errors: alice/pc1 error setRemoteDescription " + rejected.name() + ": " + rejected.domMessage()
            + " (" + alice.browser().nameAndVersion() + ")",
        "Last seen: alice/pc1 connection=new, ice=new, signaling=stable, gathering=new");
  }
}
