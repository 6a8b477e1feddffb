package dev.callflow.report;

import java.util.Locale;

/**
 * How the report writes a value for people: {@code 69 kbit/s}, {@code 1.2 Mbit/s}, {@code 30 fps},
 * {@code 12 ms}. A value of at least 10 is rounded to a whole number, a smaller one keeps one or two
 * decimals; zero is {@code 0}, with no unit.
 */
enum Unit {
  /** Bits per second, written in bit/s, kbit/s or Mbit/s. */
  BITRATE,
  /** Frames per second. */
  FRAME_RATE,
  /** Packets per second. */
  PACKET_RATE,
  /** Seconds, written in ms below one second. */
  SECONDS;

  String format(double value) {
    if (value == 0) {
      return "0";
    }
    double size = Math.abs(value);
    return switch (this) {
      case BITRATE -> size < 999.5 ? number(value) + " bit/s"
          : size < 999_500 ? number(value / 1e3) + " kbit/s" : number(value / 1e6) + " Mbit/s";
      case FRAME_RATE -> number(value) + " fps";
      case PACKET_RATE -> number(value) + " packets/s";
      case SECONDS -> size < 0.9995 ? number(value * 1000) + " ms" : number(value) + " s";
    };
  }

  /** {@code 69}, {@code 1.2}, {@code 0.25}: whole from 10 on, one decimal from 1, two below; no trailing zeros. */
  static String number(double value) {
    double size = Math.abs(value);
    String digits = String.format(Locale.ROOT, size >= 9.95 ? "%.0f" : size >= 0.995 ? "%.1f" : "%.2f", value);
    return digits.contains(".") ? digits.replaceAll("\\.?0+$", "") : digits;
  }
}
