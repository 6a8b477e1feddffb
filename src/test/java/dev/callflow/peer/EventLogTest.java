package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
  /** A data-channel message {@code e<seq>}. */
  private static String event(String doc, long seq) {
    return "{\"doc\":\"" + doc + "\",\"seq\":" + seq + ",\"t\":0,\"pc\":\"pc1\",\"type\":\"channelmessage\","
        + "\"data\":{\"label\":\"chat\",\"data\":\"e" + seq + "\"}}";
  }

  /** The message of an event from {@link #event}, or the kind of any other. */
  private static String name(PeerEvent e) {
    return e.is(EventKind.CHANNEL_MESSAGE) ? e.channelMessage() : e.kind().webName();
  }

  @Test
  void deliversInPageOrderWhateverTheArrivalOrder() {
    EventLog log = new EventLog("alice");
    List<String> seen = new ArrayList<>();
    log.subscribe(e -> seen.add(name(e)));
    log.accept(event("d1", 2));
    log.accept(event("d1", 3));
    assertThat(seen).isEmpty();
    log.accept(event("d1", 1));
    assertThat(seen).containsExactly("e1", "e2", "e3");
  }

  @Test
  void reportsAGapAndTakesRecoveredCopiesOnce() throws Exception {
    EventLog log = new EventLog("alice");
    int[] gaps = {0};
    log.onGap(doc -> gaps[0]++);
    log.accept(event("d1", 1));
    log.accept(event("d1", 3));
    assertThat(gaps[0]).isEqualTo(1);
    assertThat(log.nextSeq("d1")).isEqualTo(2);
    assertThat(log.awaitDelivered("d1", 3, Duration.ofMillis(50))).isFalse();

    for (long seq = 2; seq <= 3; seq++) { // what the page's history gives back
      log.accept(event("d1", seq));
    }
    log.accept(event("d1", 1)); // a duplicate arriving late
    assertThat(log.snapshot()).extracting(PeerEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(log.awaitDelivered("d1", 3, Duration.ofMillis(50))).isTrue();
  }

  @Test
  void eventsAnOperationsReplyCarriedAreTakenOnceStampedWhenTheyFirstCame() throws Exception {
    EventLog log = new EventLog("alice");
    List<String> seen = new ArrayList<>();
    log.subscribe(e -> seen.add(name(e)));
    assertThat(log.acceptCarried("d1", List.of(event("d1", 1)))).as("taken before the channel named the document").isFalse();
    assertThat(log.snapshot()).isEmpty();

    log.accept(event("d1", 1), "tab", "r1");
    assertThat(log.acceptCarried("d1", List.of(event("d1", 1), event("d1", 2), event("d1", 3)))).isTrue();
    assertThat(log.awaitDelivered("d1", 3, Duration.ZERO)).isTrue();
    PeerEvent second = log.snapshot().get(1);

    for (long seq = 2; seq <= 3; seq++) { // the channel brings them again
      log.accept(event("d1", seq), "tab", "r2");
    }
    assertThat(seen).containsExactly("e1", "e2", "e3");
    assertThat(log.snapshot()).extracting(PeerEvent::seq).containsExactly(1L, 2L, 3L);
    assertThat(log.snapshot().get(1).receivedNanos()).isEqualTo(second.receivedNanos());
    assertThat(log.realmOf("d1")).as("the realm a late copy names").isEqualTo("r2");
  }

  @Test
  void carriedEventsAfterOnesStillOnTheirWayWaitForThem() throws Exception {
    EventLog log = new EventLog("alice");
    log.accept(event("d1", 1), "tab", "r1");
    log.acceptCarried("d1", List.of(event("d1", 3), event("d1", 4))); // #2 is still on the channel
    assertThat(log.awaitDelivered("d1", 4, Duration.ofMillis(20))).isFalse();
    log.accept(event("d1", 2), "tab", "r1");
    assertThat(log.snapshot()).extracting(PeerEvent::seq).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void connectionsOfALaterDocumentAreNamedApartEverywhere() {
    EventLog log = new EventLog("alice", new Places("tab", context -> context.equals("frame") ? "tab" : context));
    log.accept(event("d1", 1), "tab", "r1");
    log.accept("{\"doc\":\"d2\",\"seq\":1,\"t\":0,\"pc\":null,\"type\":\"probe\",\"data\":{\"url\":\"x\",\"frames\":[\"chat\"]}}",
        "frame", "r2");
    log.accept(event("d2", 2), "frame", "r2");
    log.accept(event("d3", 1), "other", "r3");

    assertThat(log.snapshot()).extracting(PeerEvent::describe).containsExactly("alice/pc1 channelmessage chat <- e1",
        "alice probe {\"url\":\"x\",\"frames\":[\"chat\"]}", "alice/frame:chat/pc1 channelmessage chat <- e2",
        "alice/tab2/pc1 channelmessage chat <- e1");
    assertThat(log.nameOf("d2", "pc1")).isEqualTo("frame:chat/pc1");
    assertThat(log.realmOf("d3")).isEqualTo("r3");
  }

  @Test
  void eachDocumentIsOrderedOnItsOwn() {
    EventLog log = new EventLog("alice");
    log.accept(event("page", 1));
    log.accept(event("iframe", 2));
    log.accept(event("page", 2));
    log.accept(event("iframe", 1));
    assertThat(log.snapshot()).extracting(e -> e.doc() + "#" + e.seq())
        .containsExactly("page#1", "page#2", "iframe#1", "iframe#2");
  }

  @Test
  void anEventJacksonRefusesTakesItsPlaceAsAProbeError() {
    EventLog log = new EventLog("alice");
    String deep = "[".repeat(2000) + "]".repeat(2000);
    log.accept(event("d1", 1));
    log.accept("{\"doc\":\"d1\",\"seq\":2,\"t\":0,\"pc\":\"pc1\",\"type\":\"channelmessage\",\"data\":" + deep + "}");
    log.accept(event("d1", 3));

    assertThat(log.snapshot()).extracting(EventLogTest::name).containsExactly("e1", "probe-error", "e3");
    assertThat(log.snapshot().get(1).details().path("message").asText()).contains("could not be read", "nesting depth");
    assertThat(log.nextSeq("d1")).isEqualTo(4);
  }

  @Test
  void aNoteOfEventsLostFromThePageHistoryMovesTheSequenceOn() {
    EventLog log = new EventLog("alice");
    log.accept(event("d1", 1));
    log.accept(event("d1", 7)); // 2..6 never arrived, and the page no longer has them
    log.accept("{\"doc\":\"d1\",\"seq\":2,\"t\":0,\"pc\":null,\"type\":\"probe-error\",\"data\":{\"skipTo\":6}}");

    assertThat(log.snapshot()).extracting(PeerEvent::seq).containsExactly(1L, 2L, 7L);
    assertThat(log.nextSeq("d1")).isEqualTo(8);
  }

  @Test
  void aFailingListenerKeepsTheEventFromNoOtherAndIsRecorded() {
    EventLog log = new EventLog("alice");
    List<String> seen = new ArrayList<>();
    log.subscribe(e -> {
      if ("e1".equals(e.channelMessage())) {
        throw new AssertionError("a test's assertion inside a listener");
      }
    });
    log.subscribe(e -> seen.add(name(e)));
    log.accept(event("d1", 1));
    log.accept(event("d1", 2));

    assertThat(seen).containsExactly("e1", "listenererror", "e2");
    assertThat(log.listenerFailures()).singleElement().isInstanceOf(AssertionError.class);
  }

  @Test
  void theLogStaysWithinItsBudgetDroppingOldPayloadsFirst() {
    EventLog log = new EventLog("alice", 100_000);
    String payload = "x".repeat(1000);
    List<PeerEvent> early = null;
    for (long seq = 1; seq <= 1000; seq++) {
      log.accept("{\"doc\":\"d1\",\"seq\":" + seq + ",\"t\":0,\"pc\":\"pc1\",\"type\":\"channelmessage\",\"data\":{\"data\":\"" + payload + "\"}}");
      if (seq == 10) {
        early = log.snapshot();
      }
    }
    assertThat(log.chars()).isLessThanOrEqualTo(100_000);
    List<PeerEvent> all = log.snapshot();
    assertThat(all.get(all.size() - 1).channelMessage()).isEqualTo(payload);
    assertThat(all.get(0).details().path("dropped").asText()).contains("payload of");
    assertThat(log.dropped() + all.size()).isEqualTo(1000);
    // A view taken earlier is not changed by what came after it.
    assertThat(early).hasSize(10).allSatisfy(e -> assertThat(e.channelMessage()).isEqualTo(payload));
  }

  @Test
  void anEventOfAnUnknownKindTakesItsPlaceAsAProbeError() {
    EventLog log = new EventLog("alice");
    log.accept(event("d1", 1));
    log.accept("{\"doc\":\"d1\",\"seq\":2,\"t\":0,\"pc\":\"pc1\",\"type\":\"rtpwarp\",\"data\":{\"speed\":9}}");
    log.accept(event("d1", 3));

    assertThat(log.snapshot()).extracting(EventLogTest::name).containsExactly("e1", "probe-error", "e3");
    assertThat(log.snapshot().get(1).describe()).contains("unknown kind 'rtpwarp'", "\"speed\":9");
  }

  @Test
  void aStateSpelledInAWayCallflowDoesNotKnowIsDeliveredAndReadable() {
    EventLog log = new EventLog("alice");
    List<PeerEvent> seen = new ArrayList<>();
    log.subscribe(seen::add);
    log.accept("{\"doc\":\"d1\",\"seq\":1,\"t\":0,\"pc\":\"pc1\",\"type\":\"connectionstatechange\",\"data\":{\"state\":\"suspended\"}}");
    log.accept("{\"doc\":\"d1\",\"seq\":2,\"t\":0,\"pc\":\"pc1\",\"type\":\"connectionstatechange\",\"data\":{\"state\":\"connected\"}}");

    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).state()).isNull();
    assertThat(seen.get(0).stateName()).isEqualTo("suspended");
    assertThat(seen.get(0).describe()).isEqualTo("alice/pc1 connectionstatechange suspended");
    assertThat(seen.get(1).state()).isEqualTo(ConnectionState.CONNECTED);
  }
}
