package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.assertions.CallflowAssertions;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import java.time.Duration;

@CallflowTest
class TwoPeerCallTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  @BrowserPairs
  void audioVideoCall(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().connect();

    assertThat(call.caller().connectionState()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(call.callee().connectionState()).isEqualTo(ConnectionState.CONNECTED);
    call.callee().awaitInboundMedia("audio", SOON).awaitInboundMedia("video", SOON);
    call.caller().awaitInboundMedia("audio", SOON).awaitInboundMedia("video", SOON);
  }

  @BrowserPairs
  void dataChannelRoundTrip(Peer alice, Peer bob) {
    Call call = alice.call(bob).withDataChannel("chat").connect();

    call.callerChannel("chat").awaitOpen(SOON).send("ping");
    call.calleeChannel("chat").awaitMessage("ping", SOON).send("pong");
    call.callerChannel("chat").awaitMessage("pong", SOON);

    assertThat(call.calleeChannel("chat").received()).containsExactly("ping");
    assertThat(call.callerChannel("chat").received()).containsExactly("pong");

    // Hanging up is no error: Chrome reports the other side's close as a channel error (SCTP cause 12), which is not one.
    call.caller().close();
    bob.awaitEvent("the channel closing", e -> e.is(EventKind.CHANNEL_CLOSE), SOON);
    CallflowAssertions.assertThat(alice).hasNoPageErrors();
    CallflowAssertions.assertThat(bob).hasNoPageErrors();
  }
}
