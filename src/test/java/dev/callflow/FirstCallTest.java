package dev.callflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.callflow.browser.BrowserType;
import dev.callflow.junit.Browser;
import dev.callflow.junit.CallflowTest;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.Peer;
import dev.callflow.peer.Call;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@CallflowTest
class FirstCallTest {
  @Test
  void chromeCallsFirefox(Peer alice, @Browser(BrowserType.FIREFOX) Peer bob) {
    Call call = alice.call(bob).withAudio().withVideo().withDataChannel("chat").connect();

    call.callee().awaitInboundMedia("video", Duration.ofSeconds(10));
    call.callerChannel("chat").awaitOpen(Duration.ofSeconds(5)).send("ping");
    call.calleeChannel("chat").awaitMessage("ping", Duration.ofSeconds(5));
    assertThat(call.callee().connectionState()).isEqualTo(ConnectionState.CONNECTED);
  }
}
