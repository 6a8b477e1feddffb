package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogTest {
  private static String event(String doc, long seq) {
    return "{\"doc\":\"" + doc + "\",\"seq\":" + seq + ",\"t\":0,\"pc\":\"pc1\",\"type\":\"e" + seq + "\",\"data\":{}}";
  }

  @Test
  void deliversInPageOrderWhateverTheArrivalOrder() {
    EventLog log = new EventLog("alice");
    List<String> seen = new ArrayList<>();
    log.subscribe(e -> seen.add(e.type()));
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
  void eachDocumentIsOrderedOnItsOwn() {
    EventLog log = new EventLog("alice");
    log.accept(event("page", 1));
    log.accept(event("iframe", 2));
    log.accept(event("page", 2));
    log.accept(event("iframe", 1));
    assertThat(log.snapshot()).extracting(e -> e.doc() + "#" + e.seq())
        .containsExactly("page#1", "page#2", "iframe#1", "iframe#2");
  }
}
