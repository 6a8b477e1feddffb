package dev.callflow.net;

/**
 * A rate in bits per second, e.g. the limit of a {@link Link}: {@code Bitrate.kbps(300)}. Kilo and mega are
 * decimal (1 kbit/s is 1000 bit/s), as in WebRTC's stats and in {@code tc}.
 *
 * @param bitsPerSecond the rate, more than 0
 */
public record Bitrate(long bitsPerSecond) {
  /**
   * A rate of {@code bitsPerSecond}.
   *
   * @param bitsPerSecond the rate, more than 0
   * @throws IllegalArgumentException if it is not more than 0
   */
  public Bitrate {
    if (bitsPerSecond <= 0) {
      throw new IllegalArgumentException("A bitrate is more than 0 bit/s, not " + bitsPerSecond);
    }
  }

  /**
   * {@return a rate of this many bits per second}
   *
   * @param bitsPerSecond the rate, more than 0
   */
  public static Bitrate bps(long bitsPerSecond) {
    return new Bitrate(bitsPerSecond);
  }

  /**
   * {@return a rate of this many kilobits (1000 bits) per second}
   *
   * @param kilobitsPerSecond the rate, more than 0
   */
  public static Bitrate kbps(long kilobitsPerSecond) {
    return new Bitrate(Math.multiplyExact(kilobitsPerSecond, 1000L));
  }

  /**
   * {@return a rate of this many megabits (1,000,000 bits) per second}
   *
   * @param megabitsPerSecond the rate, more than 0
   */
  public static Bitrate mbps(long megabitsPerSecond) {
    return new Bitrate(Math.multiplyExact(megabitsPerSecond, 1_000_000L));
  }

  /** {@return the rate in words, e.g. {@code 300 kbit/s}, {@code 2 Mbit/s} or {@code 1500 bit/s}} */
  @Override
  public String toString() {
    if (bitsPerSecond % 1_000_000 == 0) {
      return bitsPerSecond / 1_000_000 + " Mbit/s";
    }
    return bitsPerSecond % 1000 == 0 ? bitsPerSecond / 1000 + " kbit/s" : bitsPerSecond + " bit/s";
  }
}
