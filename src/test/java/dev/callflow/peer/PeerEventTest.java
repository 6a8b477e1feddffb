package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** What a test reads from an event, and that nobody can change an event once made. */
class PeerEventTest {
  private static PeerEvent event(EventKind kind, String details) throws Exception {
    return new PeerEvent("alice", "d1", "pc1", 7, 1.5, 42, kind, Json.MAPPER.readTree(details));
  }

  @Test
  void aStateChangeHasItsTypedState() throws Exception {
    PeerEvent signaling = event(EventKind.SIGNALING_STATE_CHANGE, "{\"state\":\"have-local-offer\"}");
    assertThat(signaling.state()).isEqualTo(SignalingState.HAVE_LOCAL_OFFER);
    assertThat(signaling.stateName()).isEqualTo("have-local-offer");
    assertThat(event(EventKind.ICE_CONNECTION_STATE_CHANGE, "{\"state\":\"connected\"}").state()).isEqualTo(IceConnectionState.CONNECTED);
    assertThat(event(EventKind.CONNECTION_STATE_CHANGE, "{\"state\":\"connected\"}").state()).isEqualTo(ConnectionState.CONNECTED);
    assertThat(event(EventKind.ICE_GATHERING_STATE_CHANGE, "{\"state\":\"complete\"}").state()).isEqualTo(IceGatheringState.COMPLETE);
    // "stable" is a signaling state only; a state field on any other event is no state
    assertThat(event(EventKind.CONNECTION_STATE_CHANGE, "{\"state\":\"stable\"}").state()).isNull();
    assertThat(event(EventKind.RESULT, "{\"state\":\"connected\"}").state()).isNull();
    assertThat(event(EventKind.RESULT, "{\"state\":\"connected\"}").stateName()).isNull();
  }

  @Test
  void aChannelClosedByEitherSideIsNoPageErrorButAFailedTransportIs() throws Exception {
    assertThat(event(EventKind.CHANNEL_ERROR, "{\"label\":\"chat\",\"error\":{\"name\":\"OperationError\",\"message\":"
        + "\"User-Initiated Abort, reason=Close called\"},\"errorDetail\":\"sctp-failure\",\"sctpCauseCode\":12}").isPageError()).isFalse();
    assertThat(event(EventKind.CHANNEL_ERROR, "{\"label\":\"chat\",\"error\":{\"name\":\"OperationError\",\"message\":"
        + "\"Transport failed\"},\"errorDetail\":\"sctp-failure\",\"sctpCauseCode\":null}").isPageError()).isTrue();
  }

  @Test
  void callsResultsAndErrors() throws Exception {
    PeerEvent call = event(EventKind.CALL, "{\"method\":\"createOffer\",\"args\":[]}");
    assertThat(call.method()).isEqualTo("createOffer");
    assertThat(call.errorName()).isNull();
    PeerEvent error = event(EventKind.ERROR, "{\"method\":\"setRemoteDescription\",\"error\":{\"name\":\"InvalidAccessError\","
        + "\"message\":\"bad sdp\"}}");
    assertThat(error.method()).isEqualTo("setRemoteDescription");
    assertThat(error.errorName()).isEqualTo("InvalidAccessError");
    assertThat(error.errorMessage()).isEqualTo("bad sdp");
    assertThat(error.describe()).isEqualTo("alice/pc1 error setRemoteDescription InvalidAccessError: bad sdp");
    PeerEvent media = event(EventKind.GET_USER_MEDIA_ERROR, "{\"error\":{\"name\":\"NotAllowedError\",\"message\":\"denied\"}}");
    assertThat(media.errorName()).isEqualTo("NotAllowedError");
    assertThat(media.method()).isNull();
  }

  @Test
  void describeShortensLongArgumentsAndDescribeInFullDoesNot() throws Exception {
    String sdp = "v=0\\r\\n" + "a=candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host\\r\\n".repeat(5) + "a=end-of-the-sdp";
    PeerEvent call = event(EventKind.CALL, "{\"method\":\"setLocalDescription\",\"args\":[{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}]}");

    assertThat(call.describe()).hasSizeLessThan(160).endsWith("...)").doesNotContain("a=end-of-the-sdp");
    assertThat(call.describeInFull()).startsWith("alice/pc1 call setLocalDescription([{\"type\":\"offer\",\"sdp\":\"v=0 a=candidate:1")
        .endsWith("a=end-of-the-sdp\"}])").doesNotContain("...", "\\r\\n");
    PeerEvent console = event(EventKind.CONSOLE, "{\"level\":\"log\",\"text\":\"" + "x".repeat(300) + "\"}");
    assertThat(console.describeInFull()).endsWith("x".repeat(300));
  }

  @Test
  void candidatesAndTheirEnd() throws Exception {
    PeerEvent candidate = event(EventKind.ICE_CANDIDATE, "{\"candidate\":{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 "
        + "50000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"},\"allowed\":true}");
    assertThat(candidate.candidate()).isEqualTo(new IceCandidate("candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host", "0", 0, "abcd"));
    assertThat(candidate.isEndOfCandidates()).isFalse();
    assertThat(candidate.isWithheld()).isFalse();
    PeerEvent withheld = event(EventKind.ICE_CANDIDATE, "{\"candidate\":{\"candidate\":\"candidate:2 1 udp 1 10.0.0.2 5 typ host\"},"
        + "\"allowed\":false}");
    assertThat(withheld.isWithheld()).isTrue();
    assertThat(withheld.candidate().sdpMid()).isNull();
    assertThat(withheld.describe()).endsWith("10.0.0.2 5 typ host (withheld by policy)");
    PeerEvent end = event(EventKind.ICE_CANDIDATE, "{\"candidate\":null}");
    assertThat(end.candidate()).isNull();
    assertThat(end.isEndOfCandidates()).isTrue();
    assertThat(end.describe()).isEqualTo("alice/pc1 icecandidate end-of-candidates");
    assertThat(event(EventKind.CALL, "{\"candidate\":{\"candidate\":\"x\"}}").candidate()).isNull();
  }

  @Test
  void tracksChannelsAndConsole() throws Exception {
    PeerEvent track = event(EventKind.TRACK, "{\"track\":{\"kind\":\"video\",\"id\":\"t1\"},\"mid\":\"1\"}");
    assertThat(track.trackKind()).isEqualTo("video");
    assertThat(track.mid()).isEqualTo("1");
    PeerEvent message = event(EventKind.CHANNEL_MESSAGE, "{\"label\":\"chat\",\"data\":\"ping\"}");
    assertThat(message.channelLabel()).isEqualTo("chat");
    assertThat(message.channelMessage()).isEqualTo("ping");
    assertThat(event(EventKind.CHANNEL_OPEN, "{\"label\":\"chat\"}").channelLabel()).isEqualTo("chat");
    assertThat(event(EventKind.CHANNEL_OPEN, "{\"label\":\"chat\"}").channelMessage()).isNull();
    assertThat(event(EventKind.CONSOLE, "{\"text\":\"error: boom\"}").consoleText()).isEqualTo("error: boom");
    assertThat(event(EventKind.CREATED, "{\"text\":\"error: boom\"}").consoleText()).isNull();
  }

  @Test
  void nothingOutsideChangesAnEvent() throws Exception {
    ObjectNode given = (ObjectNode) Json.MAPPER.readTree("{\"label\":\"chat\",\"data\":\"ping\"}");
    PeerEvent message = new PeerEvent("alice", "d1", "pc1", 1, 0, 0, EventKind.CHANNEL_MESSAGE, given);
    given.put("data", "changed by the caller afterwards");

    JsonNode copy = message.details();
    ((ObjectNode) copy).put("data", "changed by a reader");
    ((ObjectNode) copy).removeAll();

    assertThat(message.channelMessage()).isEqualTo("ping");
    assertThat(message.details().path("data").asText()).isEqualTo("ping");
    assertThat(message.details()).isNotSameAs(message.details());
    assertThat(message.json()).isEqualTo("{\"peer\":\"alice\",\"doc\":\"d1\",\"pc\":\"pc1\",\"seq\":1,\"browserTime\":0.0,"
        + "\"receivedNanos\":0,\"type\":\"channelmessage\",\"data\":{\"label\":\"chat\",\"data\":\"ping\"}}");
  }

  @Test
  void withoutDetailsAnEventStillReads() {
    PeerEvent bare = new PeerEvent("alice", "", null, 0, 0, 0, EventKind.NEGOTIATION_NEEDED, null);
    assertThat(bare.details().isNull()).isTrue();
    assertThat(bare.method()).isNull();
    assertThat(bare.describe()).isEqualTo("alice negotiationneeded");
  }
}
