package dev.callflow.report;

import static dev.callflow.report.Results.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.callflow.peer.EventKind;
import dev.callflow.peer.PeerEvent;
import dev.callflow.stats.Metric;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The swim lanes span what happened up to the failure, with labelled ticks; charts have readable axes. */
class SvgTest {
  private static final List<PeerEvent> EVENTS = Results.audioCallEvents();

  private static String lanes(long endNanos, boolean failed) {
    return Svg.swimLanes(EVENTS, List.of("caller", "callee"), ms(0), endNanos, failed);
  }

  /** The x and width of the bar whose tooltip starts so. */
  private static double[] bar(String svg, String tooltip) {
    Matcher m = Pattern.compile("<rect x=\"([\\d.]+)\" y=\"\\d+\" width=\"([\\d.]+)\"[^>]*><title>" + Pattern.quote(tooltip))
        .matcher(svg);
    assertThat(m.find()).as("a bar '%s' in %s", tooltip, svg).isTrue();
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
  }

  @Test
  void theAxisStartsAtTheOfferNotAtThePageLoad() {
    assertThat(Svg.axisStart(EVENTS)).isEqualTo(ms(1000));
    assertThat(Svg.axisStart(EVENTS.subList(0, 3))).as("nothing negotiated: the first event").isEqualTo(ms(0));

    String svg = lanes(ms(1500), false);
    // The caller's have-local-offer, 50 ms after the offer, starts near the left of the lanes, not half way.
    assertThat(bar(svg, "caller signaling: have-local-offer")[0]).isCloseTo(150 + 0.05 / 0.5 * 720, within(0.2));
  }

  @Test
  void lanesLastToTheFailureAndTheFailureIsMarked() {
    String svg = lanes(ms(20_400), true);

    double[] connected = bar(svg, "caller connection: connected, +1.290 s for 19 s");
    assertThat(connected[0] + connected[1]).as("the last state lasts to the end of the axis").isCloseTo(870, within(0.2));
    double[] stable = bar(svg, "callee signaling: stable, +1.150 s for 19 s");
    assertThat(stable[0] + stable[1]).isCloseTo(870, within(0.2));
    assertThat(svg).contains("failed +20.400 s").contains("stroke=\"#dc3545\"");
    assertThat(lanes(ms(1500), false)).contains("ended +1.500 s").doesNotContain("failed");
  }

  @Test
  void lanesMayBeGroupedByConnectionWithRoomForTheirNames() {
    String svg = Svg.swimLanes(EVENTS, List.of("caller/pc1 (d1)", "callee/pc1 (d1)"), e -> e.peer() + "/" + e.pc() + " (" + e.doc() + ")",
        ms(0), ms(1500), false);

    assertThat(svg).contains(">caller/pc1 (d1) ICE connection</text>", "caller/pc1 (d1) connection: connected, +1.290 s");
    // "caller/pc1 (d1) ICE connection" is 30 characters: the lanes start after them, not at 150.
    assertThat(bar(svg, "caller/pc1 (d1) signaling: have-local-offer")[0]).isGreaterThan(200);
  }

  @Test
  void shortStatesHaveATooltipAndLongOnesALabel() {
    List<PeerEvent> events = List.of(Results.state(1000, "caller", EventKind.CONNECTION_STATE_CHANGE, "connecting"),
        Results.state(1005, "caller", EventKind.CONNECTION_STATE_CHANGE, "connected"));
    String svg = Svg.swimLanes(events, List.of("caller"), ms(0), ms(1500), false);

    assertThat(bar(svg, "caller connection: connecting, +1.000 s for 5 ms")[1]).isLessThan(10);
    assertThat(svg).contains(">connected</text>").doesNotContain(">connecting</text>");
  }

  @Test
  void aLongQuietStretchIsCutSoTheNegotiationKeepsItsRoom() {
    String svg = lanes(ms(20_400), true);

    double[] offer = bar(svg, "caller signaling: have-local-offer, +1.050 s for 170 ms");
    assertThat(offer[1]).as("170 ms of a 19.4 s axis, drawn wide").isGreaterThan(300);
    assertThat(svg).contains("⋯ 19 s ⋯", "<title>19 s without a state change, drawn short</title>");
  }

  @Test
  void theAxisHasRoundTimesInSeconds() {
    assertThat(Svg.niceStep(19.4, 8)).isEqualTo(5);
    assertThat(Svg.niceStep(0.5, 8)).isCloseTo(0.1, within(1e-12));
    assertThat(Svg.niceStep(0.036, 1)).isCloseTo(0.05, within(1e-12));
    assertThat(Svg.niceStep(64_000, 4)).isEqualTo(20_000);
    assertThat(Svg.seconds(1.2000000001, 0.1)).isEqualTo("1.2 s");
    assertThat(Svg.seconds(10, 5)).isEqualTo("10 s");
    assertThat(Svg.seconds(0.005, 0.005)).isEqualTo("5 ms");
    assertThat(Svg.seconds(0, 0.2)).isEqualTo("0");

    assertThat(lanes(ms(20_400), true)).contains(">1.00 s</text>", ">1.05 s</text>", ">1.25 s</text>")
        .doesNotContain(">0.95 s</text>", ">5 s</text>", ">20 s</text>");
    assertThat(lanes(ms(1500), false)).contains(">1.0 s</text>", ">1.2 s</text>", ">1.5 s</text>").doesNotContain(">0.9 s</text>");
  }

  @Test
  void scalesWithThePage() {
    assertThat(lanes(ms(1500), false)).startsWith("<svg").contains("viewBox=\"0 0 900 ", "width=\"100%\"");
    assertThat(Svg.chart("x", Results.audioOnlyStats().bitrateIn("audio"), Unit.BITRATE)).contains("viewBox=\"0 0 420 ", "width=\"100%\"");
  }

  @Test
  void chartAxesAreInReadableUnits() {
    String bitrate = Svg.chart("audio received", Results.audioOnlyStats().bitrateIn("audio"), Unit.BITRATE);
    assertThat(bitrate).contains(">20 kbit/s</text>", ">80 kbit/s</text>", "average 64 kbit/s", ">0.4 s</text>")
        .doesNotContainPattern(">[^<]*\\de[+-]?\\d[^<]*<");
    String rtt = Svg.chart("round-trip time", Results.audioOnlyStats().roundTripTime(), Unit.SECONDS);
    assertThat(rtt).contains("average 12 ms", ">5 ms</text>", ">15 ms</text>");
    String lost = Svg.chart("lost", Results.audioOnlyStats().packetsLostPerSecond("audio"), Unit.PACKET_RATE);
    assertThat(lost).as("all zero").contains(">1 packets/s</text>", "average 0<").doesNotContain(">0 packets/s<");
    String fps = Svg.chart("fps", new Metric("f", List.of(new Metric.Point(0.5, 29.7), new Metric.Point(1, 30.1))), Unit.FRAME_RATE);
    assertThat(fps).contains("average 30 fps", ">40 fps</text>");
  }
}
