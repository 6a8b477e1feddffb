package dev.callflow.media;

import java.util.Locale;

/**
 * Remote audio watched for a while, from inbound-rtp stats.
 *
 * @param bytes bytes received during the check
 * @param samples audio samples received during the check ({@code totalSamplesReceived})
 * @param energy audio energy received during the check ({@code totalAudioEnergy}); silence adds about 0
 * @param seconds how long the check watched
 */
public record AudioCheck(long bytes, long samples, double energy, double seconds) {
  /** Below this energy per second the audio counts as silent (a fake microphone gives far more). */
  public static final double SILENCE_ENERGY_PER_SECOND = 1e-4;

  /** {@return whether any bytes arrived during the check} */
  public boolean flowing() {
    return bytes > 0;
  }

  /**
   * {@return whether something could be heard: bytes arrived and energy per second above
   * {@link #SILENCE_ENERGY_PER_SECOND}}
   */
  public boolean audible() {
    return flowing() && energyPerSecond() > SILENCE_ENERGY_PER_SECOND;
  }

  /** {@return the audio energy received per second of the check; 0 when the check did not last} */
  public double energyPerSecond() {
    return seconds <= 0 ? 0 : energy / seconds;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%d bytes, %d samples, energy %.6f (%.6f/s) over %.1fs", bytes, samples, energy,
        energyPerSecond(), seconds);
  }
}
