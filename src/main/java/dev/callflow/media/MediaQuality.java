package dev.callflow.media;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection received over a while, measured on its page: video frame by frame, and audio beep by beep,
 * from {@code PeerConnection.measureMedia}. End-to-end figures need the sender's synthetic media
 * ({@code BrowserSpec.withSyntheticMedia}, {@code @Synthetic}); frame rates, freezes and sizes are measured on any video.
 *
 * @param connection the connection measured, e.g. {@code bob/pc1}
 * @param video the video received
 * @param audio the audio received
 * @param pageTime the time the page spent measuring, on its main thread: reading the stamps and hearing the beeps
 */
public record MediaQuality(String connection, VideoQuality video, AudioQuality audio, Duration pageTime) {
  /**
   * A measurement of this connection.
   *
   * @param connection the connection measured
   * @param video the video received
   * @param audio the audio received
   * @param pageTime the time the page spent measuring, on its main thread
   */
  public MediaQuality {
    Objects.requireNonNull(pageTime, "pageTime");
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(video, "video");
    Objects.requireNonNull(audio, "audio");
  }

  /**
   * {@return how much later the audio arrives than the video: median audio delay minus median video delay}
   * Negative when the audio is ahead; empty when either delay could not be measured.
   */
  public Optional<Duration> syncOffset() {
    Optional<Duration> a = audio.delayPercentile(50);
    Optional<Duration> v = video.delayPercentile(50);
    return a.isPresent() && v.isPresent() ? Optional.of(a.get().minus(v.get())) : Optional.empty();
  }

  @Override
  public String toString() {
    return connection + ": video " + video + "; audio " + audio
        + syncOffset().map(d -> "; audio-video offset " + d.toMillis() + "ms").orElse("")
        + "; measuring took " + pageTime.toMillis() + "ms of the page's main thread";
  }
}
