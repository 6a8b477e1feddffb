package dev.callflow.sdp;

import java.util.OptionalLong;

/**
 * Reads the numbers of SDP lines. A number is ASCII digits only (no sign, no other script's digits)
 * and lies in the range of the field it fills: 0–65535 for a port, 0–127 for a payload type,
 * 0–2³²−1 for an SSRC or an ICE priority, and for counts such as a clock rate at least 1 and within an {@code int}.
 */
final class SdpNumbers {
  static final long MAX_PORT = 65535;
  static final long MAX_PAYLOAD_TYPE = 127;
  /** SSRCs and ICE priorities are 32-bit unsigned. */
  static final long MAX_UINT32 = 0xFFFF_FFFFL;
  /** RFC 8285: 1–255 are in use; an offer may ask for 4096–4351. */
  static final long MAX_EXTENSION_ID = 4351;

  private SdpNumbers() {}

  /**
   * The value of {@code token}.
   *
   * @param what what the number is, for the message, e.g. {@code the port}
   * @throws IllegalArgumentException naming {@code what}, its range and the token
   */
  static long parse(String what, String token, long min, long max) {
    OptionalLong value = read(token, min, max);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " is a number from " + min + " to " + max + ", not '" + shortened(token) + "'");
    }
    return value.getAsLong();
  }

  /** The value of {@code token}, or empty where it is not a number from {@code min} to {@code max}. */
  static OptionalLong read(String token, long min, long max) {
    if (token.isEmpty()) {
      return OptionalLong.empty();
    }
    long value = 0;
    for (int i = 0; i < token.length(); i++) {
      int digit = token.charAt(i) - '0';
      // Tested before multiplying, so value * 10 + digit never passes max nor overflows.
      if (digit < 0 || digit > 9 || value > max / 10 || value * 10 > max - digit) {
        return OptionalLong.empty();
      }
      value = value * 10 + digit;
    }
    return value < min ? OptionalLong.empty() : OptionalLong.of(value);
  }

  private static String shortened(String token) {
    return token.length() <= 24 ? token : token.substring(0, 20) + "... (" + token.length() + " characters)";
  }
}
