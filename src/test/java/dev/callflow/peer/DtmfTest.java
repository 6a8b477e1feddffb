package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.callflow.assertions.CallflowAssertions;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import java.time.Duration;

/**
 * DTMF on the caller's audio sender (RTCDTMFSender.insertDTMF), in every pair: the tones it plays are its tonechange
 * events. The receiving browser has no API that reports received DTMF: telephone-event is negotiated and the audio keeps
 * flowing, which is what the receiving side can show.
 */
@CallflowTest
class DtmfTest {
  private static final Duration SOON = Duration.ofSeconds(10);

  @BrowserPairs
  void tonesPlayInOrder(Peer alice, Peer bob) {
    Call call = alice.call(bob).withAudio().connect();
    Track microphone = alice.localTrack("audio").orElseThrow();
    CallflowAssertions.assertThat(call.callee().localDescription().orElseThrow()).hasCodec("audio", "telephone-event");
    DomException refused = catchThrowableOfType(DomException.class,
        () -> call.caller().insertDtmf(microphone, "12X", Duration.ofMillis(100), Duration.ofMillis(70)));
    assertThat(refused.name()).isEqualTo("InvalidCharacterError");
    assertThat(call.caller().tonesPlayed()).isEmpty();

    call.caller().insertDtmf(microphone, "1234#*", Duration.ofMillis(100), Duration.ofMillis(70));

    call.caller().awaitTones("1234#*", SOON);
    assertThat(call.caller().events()).filteredOn(e -> e.is(EventKind.TONE_CHANGE)).extracting(e -> e.details().path("tone").asText())
        .containsExactly("1", "2", "3", "4", "#", "*", "");
    assertThat(call.caller().events()).anyMatch(e -> e.is(EventKind.CALL) && "insertDTMF".equals(e.method())
        && e.details().path("args").path(0).asText().equals("1234#*"));
    CallflowAssertions.assertThat(call.callee()).hasAudibleAudio(SOON);
  }
}
