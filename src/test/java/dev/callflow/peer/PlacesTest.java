package dev.callflow.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Connection names are unique per peer, and say where each connection lives. */
class PlacesTest {
  /** Tab t1 (the peer's own) with frame f1, tab t2 with frame f2. */
  private static final Map<String, String> TABS = Map.of("t1", "t1", "f1", "t1", "t2", "t2", "f2", "t2");

  private static Places places() {
    return new Places("t1", TABS::get);
  }

  @Test
  void theOwnTabsTopDocumentAddsNothingOtherTabsAndFramesSayWhereTheyAre() {
    Places places = places();

    assertThat(places.assign("t1", List.of())).isEmpty();
    assertThat(places.assign("f1", List.of("call"))).isEqualTo("frame:call");
    assertThat(places.assign("t2", List.of())).isEqualTo("tab2");
    assertThat(places.assign("f2", List.of("0"))).isEqualTo("tab2/frame:0");
    assertThat(places.assign("t3", List.of())).isEqualTo("tab3");
  }

  @Test
  void aLaterDocumentInAPlaceThatHadConnectionsIsNumbered() {
    Places places = places();

    assertThat(places.assign("t1", List.of())).isEmpty();
    assertThat(places.assign("t1", List.of())).isEqualTo("page2");
    assertThat(places.assign("t2", List.of())).isEqualTo("tab2");
    assertThat(places.assign("t2", List.of())).isEqualTo("tab2/page2");
    assertThat(places.assign("t1", List.of())).isEqualTo("page3");
  }

  @Test
  void frameNamesFromThePageAreKeptPlainAndShort() {
    Places places = places();

    assertThat(places.assign("f1", List.of("outer", "a/b c"))).isEqualTo("frame:outer/frame:a_b_c");
    assertThat(places.assign("f1", List.of("x".repeat(100)))).isEqualTo("frame:" + "x".repeat(32));
  }

  @Test
  void aDocumentWhoseProbeOrContextDidNotSayIsStillNamedApart() {
    Places places = places();

    assertThat(places.assign(null, null)).isEmpty();
    assertThat(places.assign("f1", null)).isEqualTo("frame:?");
    assertThat(places.assign("unknown-frame", List.of("chat"))).isEqualTo("frame:chat"); // its tab unknown: the own one
    assertThat(places.assign(null, null)).isEqualTo("page2");
  }
}
