package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hooks of a call, without a browser: what reaches the other side, and the line each signal leaves. */
class SignalPathTest {
  private static final Signal OFFER = new Signal(Signal.Kind.OFFER, "alice", "bob", "v=0 a=sendrecv");
  private static final Signal TCP = new Signal(Signal.Kind.CANDIDATE, "alice", "bob", "candidate:1 1 tcp 1 127.0.0.1 9 typ host");

  @Test
  void withoutHooksEverySignalIsForwardedAtOnce() {
    SignalPath path = new SignalPath(List.of());

    assertThat(path.pass(OFFER)).isEqualTo(new SignalPath.Outcome("v=0 a=sendrecv", Duration.ZERO));
    assertThat(path.lines()).containsExactly("OFFER alice→bob forward");
  }

  @Test
  void hooksRunInOrderEachSeeingWhatTheOneBeforeLetThroughAndDelaysAddUp() {
    List<String> seen = new ArrayList<>();
    SignalPath path = new SignalPath(List.of(
        s -> SignalAction.rewrite(s.text().replace("sendrecv", "sendonly")),
        s -> {
          seen.add(s.text());
          return SignalAction.delay(Duration.ofMillis(200));
        },
        s -> SignalAction.delay(Duration.ofMillis(50))));

    SignalPath.Outcome outcome = path.pass(OFFER);

    assertThat(seen).containsExactly("v=0 a=sendonly");
    assertThat(outcome).isEqualTo(new SignalPath.Outcome("v=0 a=sendonly", Duration.ofMillis(250)));
    assertThat(path.lines()).containsExactly("OFFER alice→bob rewrite, delay 200ms, delay 50ms");
  }

  @Test
  void aDropEndsTheWayAndLaterHooksNeverSeeTheSignal() {
    List<Signal> later = new ArrayList<>();
    SignalPath path = new SignalPath(List.of(
        s -> s.text().contains(" tcp ") ? SignalAction.drop() : SignalAction.forward(),
        s -> {
          later.add(s);
          return SignalAction.forward();
        }));

    assertThat(path.pass(TCP).text()).isNull();
    assertThat(path.pass(OFFER).text()).isEqualTo(OFFER.text());
    assertThat(later).containsExactly(OFFER);
    assertThat(path.lines()).containsExactly("CANDIDATE alice→bob " + TCP.text() + " drop", "OFFER alice→bob forward, forward");
  }

  @Test
  void aHookThatThrowsEndsTheSignalAndLeavesALine() {
    SignalPath path = new SignalPath(List.of(s -> {
      throw new AssertionError("unexpected " + s.kind());
    }));

    assertThatThrownBy(() -> path.pass(OFFER)).isInstanceOf(AssertionError.class).hasMessage("unexpected OFFER");
    assertThat(path.lines()).containsExactly("OFFER alice→bob hook failed: java.lang.AssertionError: unexpected OFFER");
  }
}
