package dev.callflow.net;

import static dev.callflow.assertions.CallflowAssertions.assertThat;

import dev.callflow.browser.BrowserType;
import dev.callflow.junit.BrowserPair;
import dev.callflow.junit.BrowserPairs;
import dev.callflow.junit.CallflowTest;
import dev.callflow.junit.InNetwork;
import dev.callflow.peer.Call;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.stats.RemoteInboundRtpStats;
import dev.callflow.stats.Metric;
import dev.callflow.stats.StatsSeries;
import java.time.Duration;
import java.util.OptionalDouble;
import org.assertj.core.api.Assertions;

/**
 * Calls between browsers behind cone NATs whose links are impaired during the call, in every browser pair: what the
 * browsers then measure and do.
 */
@CallflowTest
@InNetwork(Topology.CONE_NAT)
class ImpairedLinkTest {
  /** Bounds the wait only: calls here connect within a second or two; a busy machine may take many times that. */
  private static final Duration WITHIN = Duration.ofSeconds(45);
  private static final Duration SAMPLE_EVERY = Duration.ofMillis(250);

  private static Call connect(Peer alice, Peer bob, Network network, Call.Builder media) {
    return media.withIceServers(network.iceServers()).withTimeout(WITHIN).connect();
  }

  @BrowserPairs
  void bitrateFallsUnderABandwidthLimit(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = connect(alice, bob, network, alice.call(bob).withVideo());
    // Both browsers start at a few hundred kbit/s; Chromium ramps up to about 480 kbit/s within seconds, Firefox's fake
    // video needs about 220.
    call.caller().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(6));
    StatsSeries free = call.caller().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(4));
    StatsSeries freeReceived = call.callee().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(3));

    network.link(alice).uplink().limit(Bitrate.kbps(100));
    call.caller().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(8)); // the congestion controller adapts
    StatsSeries limited = call.caller().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(5));
    StatsSeries received = call.callee().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(4));

    // Chromium's new media falls under the limit. Firefox lowers its encoder's target (totalEncodedBytesTarget, which
    // Chromium does not report) under the limit, but its output stays near 190 kbit/s, and it resends most of it after
    // NACKs (bytesSent counts retransmissions), so its bytesSent rises to about 800 kbit/s. The link lets 100 through.
    Metric target = limited.rate("video encoder target (bit/s)", r -> r.outboundRtp("video").stream()
        .mapToLong(s -> s.json().path("totalEncodedBytesTarget").asLong()).sum() * 8.0);
    Metric encoded = limited.rate("video bitrate out, retransmissions aside (bit/s)", r -> r.outboundRtp("video").stream()
        .mapToLong(s -> s.bytesSent().orElse(0) - s.retransmittedBytesSent().orElse(0)).sum() * 8.0);
    System.out.printf("%s: alice's video out %.0f kbit/s unlimited, bob receives %.0f; under 100 kbit/s up: encoder target %.0f, "
        + "out %.0f, of it new %.0f, bob receives %.0f%n", pair, kbps(free.bitrateOut("video")), kbps(freeReceived.bitrateIn("video")),
        kbps(target), kbps(limited.bitrateOut("video")), kbps(encoded), kbps(received.bitrateIn("video")));
    assertThat(free).hasBitrateOutBetween("video", 150_000, 100_000_000);
    assertThat(freeReceived).hasBitrateInBetween("video", 150_000, 100_000_000);
    Metric lowered = pair.caller() == BrowserType.CHROME ? encoded : target;
    Assertions.assertThat(lowered.average().orElse(0)).as(lowered + " under 100 kbit/s").isBetween(1.0, 100_000.0);
    assertThat(received).hasBitrateInBetween("video", 1, 100_000);
  }

  private static double kbps(Metric bitrate) {
    return bitrate.average().orElse(0) / 1000;
  }

  @BrowserPairs
  void packetLossRisesUnderLoss(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = connect(alice, bob, network, alice.call(bob).withAudio());
    call.callee().awaitInboundMedia("audio", WITHIN);
    StatsSeries clean = call.callee().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(3));

    network.link(alice).uplink().lossPercent(20);
    StatsSeries lossy = call.callee().sampleStats(SAMPLE_EVERY, Duration.ofSeconds(6));
    network.link(alice).clear();

    System.out.printf("%s: bob's inbound audio lost %.3f clean (%d packets), %.3f with 20%% loss on alice's uplink (%d packets)%n",
        pair, clean.packetLossRatio("audio"), clean.packetsReceived("audio") + clean.packetsLost("audio"),
        lossy.packetLossRatio("audio"), lossy.packetsReceived("audio") + lossy.packetsLost("audio"));
    assertThat(clean).hasPacketLossBelow("audio", 0.02);
    Assertions.assertThat(lossy.packetLossRatio("audio")).as("share of bob's inbound audio lost, 20% loss on alice's uplink")
        .isBetween(0.10, 0.32);
  }

  @BrowserPairs
  void roundTripTimeGrowsWithLatency(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = connect(alice, bob, network, alice.call(bob).withAudio().withVideo());
    call.callee().awaitInboundMedia("video", WITHIN);
    // Firefox reports no round trip for audio it sends; the side and kind that do report one serve.
    PeerConnection measuring = lastRoundTripTime(call.caller(), Duration.ofSeconds(5)).isPresent() ? call.caller() : call.callee();
    double before = lastRoundTripTime(measuring, Duration.ofSeconds(5)).orElseThrow(() -> new AssertionError(
        "Neither " + call.caller() + " nor " + call.callee() + " reported a remote-inbound-rtp roundTripTime within 10 s"));

    network.link(alice).delay(Duration.ofMillis(100));
    measuring.sampleStats(SAMPLE_EVERY, Duration.ofSeconds(3)); // what was measured before the delay ages out
    double delayed = lastRoundTripTime(measuring, Duration.ofSeconds(8)).orElseThrow(() -> new AssertionError(
        measuring + " reported no remote-inbound-rtp roundTripTime within 8 s with the delay"));

    System.out.printf("%s: round trip seen by %s %.0f ms, %.0f ms with 100 ms each way on alice's link%n", pair, measuring,
        before * 1000, delayed * 1000);
    Assertions.assertThat(before).as("round trip (s) before").isLessThan(0.1);
    Assertions.assertThat(delayed).as("round trip (s) with 100 ms each way").isBetween(0.17, 0.6);
  }

  /** The last remote-inbound-rtp roundTripTime (any kind) seen within {@code over}, in seconds, if any. */
  private static OptionalDouble lastRoundTripTime(PeerConnection pc, Duration over) {
    StatsSeries series = pc.sampleStats(SAMPLE_EVERY, over);
    OptionalDouble last = OptionalDouble.empty();
    for (var report : series.samples()) {
      for (RemoteInboundRtpStats remote : report.ofType(RemoteInboundRtpStats.class)) {
        if (remote.roundTripTime().isPresent() && remote.roundTripTimeMeasurements().orElse(1) > 0) {
          last = remote.roundTripTime();
        }
      }
    }
    return last;
  }

  @BrowserPairs
  void disconnectsWhileTheLinkIsDownAndReconnectsOnceItIsUp(Peer alice, Peer bob, Network network, BrowserPair pair) {
    Call call = connect(alice, bob, network, alice.call(bob).withDataChannel("chat"));
    // connect() returns once ICE connects: the channel opens a little later.
    call.callerChannel("chat").awaitOpen(WITHIN).send("before");
    call.calleeChannel("chat").awaitMessage("before", WITHIN);

    long start = System.nanoTime();
    network.link(alice).down();
    call.caller().awaitConnectionState(ConnectionState.DISCONNECTED, WITHIN);
    call.callee().awaitConnectionState(ConnectionState.DISCONNECTED, WITHIN);
    long disconnected = System.nanoTime();
    network.link(alice).up();
    call.caller().awaitConnectionState(ConnectionState.CONNECTED, WITHIN);
    call.callee().awaitConnectionState(ConnectionState.CONNECTED, WITHIN);

    System.out.printf("%s: both disconnected %d ms after alice's link went down, connected again %d ms after it came up%n", pair,
        (disconnected - start) / 1_000_000, (System.nanoTime() - disconnected) / 1_000_000);
    call.callerChannel("chat").send("back");
    call.calleeChannel("chat").awaitMessage("back", Duration.ofSeconds(10));
  }
}
