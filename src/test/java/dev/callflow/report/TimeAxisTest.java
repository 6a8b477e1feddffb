package dev.callflow.report;

import static dev.callflow.report.Results.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A quiet stretch is cut only where that gives the rest of the axis room, and never the whole axis. */
class TimeAxisTest {
  @Test
  void aLongWaitAfterTheNegotiationIsCut() {
    TimeAxis axis = TimeAxis.of(ms(1000), ms(20_400), List.of(ms(1050), ms(1300), ms(20_400)), 150, 720);

    assertThat(axis.stretches()).extracting(TimeAxis.Stretch::cut).containsExactly(false, true, false);
    assertThat(axis.x(ms(1000))).isEqualTo(150);
    assertThat(axis.x(ms(1300))).isCloseTo(150 + 720 - TimeAxis.CUT_WIDTH, within(0.01));
    assertThat(axis.x(ms(20_400))).isCloseTo(870, within(0.01));
    assertThat(axis.pxPerSecond()).isCloseTo(660 / 0.3, within(0.01));
    assertThat(axis.x(ms(10_000))).as("inside the cut").isBetween(810.0, 870.0);
  }

  @Test
  void shortPausesStayToScale() {
    TimeAxis axis = TimeAxis.of(ms(1000), ms(2500), List.of(ms(1200), ms(1900)), 0, 300);

    assertThat(axis.stretches()).hasSize(1);
    assertThat(axis.x(ms(1750))).isCloseTo(150, within(0.01));
  }

  @Test
  void aStretchWithNothingInItIsNotCutAway() {
    TimeAxis axis = TimeAxis.of(ms(0), ms(20_000), List.of(), 0, 720);

    assertThat(axis.stretches()).extracting(TimeAxis.Stretch::cut).containsExactly(false);
    assertThat(axis.x(ms(10_000))).isCloseTo(360, within(0.01));
  }

  @Test
  void momentsOutsideTheAxisAreAtItsEnds() {
    TimeAxis axis = TimeAxis.of(ms(1000), ms(2000), List.of(), 10, 100);

    assertThat(axis.x(ms(0))).isEqualTo(10);
    assertThat(axis.x(ms(5000))).isEqualTo(110);
  }
}
