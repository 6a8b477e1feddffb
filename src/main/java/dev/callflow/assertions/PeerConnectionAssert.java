package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveAudio.shouldHaveAudio;
import static dev.callflow.internal.assertions.ShouldHaveConnectionState.shouldHaveConnectionState;
import static dev.callflow.internal.assertions.ShouldHaveMediaFlowing.shouldHaveMediaFlowing;
import static dev.callflow.internal.assertions.ShouldHaveVideo.shouldHaveVideo;
import static dev.callflow.internal.assertions.ShouldHaveVideoResolution.shouldHaveVideoResolution;
import static dev.callflow.internal.assertions.ShouldUseCandidates.shouldUseCandidates;

import dev.callflow.media.AudioCheck;
import dev.callflow.media.VideoCheck;
import dev.callflow.peer.ConnectionState;
import dev.callflow.peer.PeerConnection;
import dev.callflow.peer.Waits;
import dev.callflow.stats.SelectedPair;
import dev.callflow.stats.StatsSeries;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a live connection. Those that take {@code within} keep checking (getStats, the page's
 * video) until the condition holds or the time is up, then fail with the last thing they saw.
 */
public class PeerConnectionAssert extends AbstractAssert<PeerConnectionAssert, PeerConnection> {
  private static final Duration CHECK = Duration.ofMillis(600);

  public PeerConnectionAssert(PeerConnection actual) {
    super(actual, PeerConnectionAssert.class);
  }

  public PeerConnectionAssert isConnected() {
    return hasConnectionState(ConnectionState.CONNECTED);
  }

  public PeerConnectionAssert hasConnectionState(ConnectionState state) {
    isNotNull();
    if (actual.connectionState() != state) {
      throwAssertionError(shouldHaveConnectionState(actual.toString(), state.webName(), actual.describeState()));
    }
    return this;
  }

  /** Inbound RTP of this kind grows within the time (bytesReceived between getStats samples). */
  public PeerConnectionAssert hasInboundMediaFlowing(String kind, Duration within) {
    isNotNull();
    long[] seen = {-1, -1};
    boolean ok = keepChecking(within, () -> {
      long bytes = actual.getStats().inboundBytes(kind);
      if (seen[0] < 0) {
        seen[0] = bytes;
      }
      seen[1] = bytes;
      return bytes > seen[0];
    }, grew -> grew);
    if (!ok) {
      throwAssertionError(shouldHaveMediaFlowing(actual.toString(), kind, format(within),
          "bytesReceived stayed at " + seen[1] + " (connectionState " + actual.connectionState().webName() + ")"));
    }
    return this;
  }

  /** The remote video plays: frames decoded, the picture changing, not black. */
  public PeerConnectionAssert hasVideoPlaying(Duration within) {
    return video("playing", VideoCheck::playing, within);
  }

  /** The remote video shows only black frames (for example, the sender disabled its track). */
  public PeerConnectionAssert hasBlackVideo(Duration within) {
    return video("black", VideoCheck::black, within);
  }

  /** The remote picture does not change (frozen). */
  public PeerConnectionAssert hasFrozenVideo(Duration within) {
    return video("frozen", VideoCheck::frozen, within);
  }

  private PeerConnectionAssert video(String expected, Predicate<VideoCheck> condition, Duration within) {
    isNotNull();
    VideoCheck[] last = {null};
    if (!keepChecking(within, () -> last[0] = actual.checkVideo(CHECK), condition)) {
      throwAssertionError(shouldHaveVideo(actual.toString(), expected, format(within), String.valueOf(last[0])));
    }
    return this;
  }

  /** Remote video of this size arrives within the time. */
  public PeerConnectionAssert hasVideoResolution(int width, int height, Duration within) {
    isNotNull();
    int[] seen = {0, 0};
    if (!keepChecking(within, () -> actual.videoFrame(), f -> {
      seen[0] = f.width();
      seen[1] = f.height();
      return f.width() == width && f.height() == height;
    })) {
      throwAssertionError(shouldHaveVideoResolution(actual.toString(), width, height, seen[0], seen[1]));
    }
    return this;
  }

  /** Remote audio carries sound (energy above silence). */
  public PeerConnectionAssert hasAudibleAudio(Duration within) {
    return audio("audible", AudioCheck::audible, within);
  }

  /** Remote audio arrives but is silent (for example, the sender muted its track). */
  public PeerConnectionAssert hasSilentAudio(Duration within) {
    return audio("silent", a -> a.flowing() && !a.audible(), within);
  }

  private PeerConnectionAssert audio(String expected, Predicate<AudioCheck> condition, Duration within) {
    isNotNull();
    AudioCheck[] last = {null};
    if (!keepChecking(within, () -> last[0] = actual.checkAudio(CHECK), condition)) {
      throwAssertionError(shouldHaveAudio(actual.toString(), expected, format(within), String.valueOf(last[0])));
    }
    return this;
  }

  /**
   * The selected candidate pair has these types at its local and remote end ({@code host}, {@code srflx},
   * {@code prflx}, {@code relay}) and this protocol ({@code udp}, {@code tcp}).
   */
  public PeerConnectionAssert usesCandidatePair(String localType, String remoteType, String protocol) {
    isNotNull();
    SelectedPair pair = actual.getStats().selectedPair().orElse(null);
    boolean ok = pair != null && pair.localCandidate().candidateType().filter(localType::equals).isPresent()
        && pair.remoteCandidate().candidateType().filter(remoteType::equals).isPresent()
        && pair.localCandidate().protocol().filter(protocol::equalsIgnoreCase).isPresent();
    if (!ok) {
      throwAssertionError(shouldUseCandidates(actual.toString(), localType + " <-> " + remoteType + " over " + protocol,
          pair == null ? "(no selected pair)" : pair.toString()));
    }
    return this;
  }

  /** Samples getStats() every 250 ms for {@code over}, then asserts on the series. */
  public StatsSeriesAssert statsOver(Duration over) {
    isNotNull();
    StatsSeries series = actual.sampleStats(Duration.ofMillis(250), over);
    return new StatsSeriesAssert(series).as(actual + " over " + format(over));
  }

  /** Checks at least once, then again until {@code within} has passed since the start. */
  private static <T> boolean keepChecking(Duration within, Supplier<T> check, Predicate<T> condition) {
    long start = System.nanoTime();
    if (condition.test(check.get())) {
      return true;
    }
    Duration left = within.minusNanos(System.nanoTime() - start);
    if (left.isNegative() || left.isZero()) {
      return false;
    }
    try {
      Awaitility.await().dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).atMost(left)
          .until(() -> condition.test(check.get()));
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }

  private static String format(Duration d) {
    return Waits.format(d);
  }
}
