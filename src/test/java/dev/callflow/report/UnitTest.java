package dev.callflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Chart values as people write them, never {@code 6.92e+04}. */
class UnitTest {
  @Test
  void bitratesInBitKbitOrMbitPerSecond() {
    assertThat(Unit.BITRATE.format(69_200)).isEqualTo("69 kbit/s");
    assertThat(Unit.BITRATE.format(1_234_567)).isEqualTo("1.2 Mbit/s");
    assertThat(Unit.BITRATE.format(2_000_000)).isEqualTo("2 Mbit/s");
    assertThat(Unit.BITRATE.format(6_500)).isEqualTo("6.5 kbit/s");
    assertThat(Unit.BITRATE.format(850)).isEqualTo("850 bit/s");
    assertThat(Unit.BITRATE.format(999_900)).isEqualTo("1 Mbit/s");
    assertThat(Unit.BITRATE.format(0)).isEqualTo("0");
  }

  @Test
  void framesPacketsAndTimes() {
    assertThat(Unit.FRAME_RATE.format(29.7)).isEqualTo("30 fps");
    assertThat(Unit.FRAME_RATE.format(7.5)).isEqualTo("7.5 fps");
    assertThat(Unit.PACKET_RATE.format(0.25)).isEqualTo("0.25 packets/s");
    assertThat(Unit.SECONDS.format(0.012)).isEqualTo("12 ms");
    assertThat(Unit.SECONDS.format(0.0005)).isEqualTo("0.5 ms");
    assertThat(Unit.SECONDS.format(1.5)).isEqualTo("1.5 s");
    assertThat(Unit.SECONDS.format(19.11)).isEqualTo("19 s");
  }

  @Test
  void numbersKeepNoTrailingZerosAndNoExponent() {
    assertThat(Unit.number(69.2)).isEqualTo("69");
    assertThat(Unit.number(1.0)).isEqualTo("1");
    assertThat(Unit.number(1.25)).isEqualTo("1.3");
    assertThat(Unit.number(0.1)).isEqualTo("0.1");
    assertThat(Unit.number(123_456)).isEqualTo("123456");
  }
}
