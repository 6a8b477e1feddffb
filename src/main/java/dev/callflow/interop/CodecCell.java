package dev.callflow.interop;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * One cell of the codec matrix: a codec forced on the caller of one browser pair (setCodecPreferences with
 * only it), what the answer negotiated and what the callee's stats say arrived.
 *
 * <pre>{@code
 * CodecCell cell = CodecCell.passed("video", "video/VP9", "video/VP9", "video/VP9");
 * cell.outcome(); // "negotiated video/VP9, arrived video/VP9"
 * }</pre>
 *
 * @param kind {@code audio} or {@code video}
 * @param codec the forced codec's mime type, e.g. {@code video/VP9}
 * @param status whether the codec was negotiated and arrived, or which browser does not offer it
 * @param negotiated the answer's first codec of this kind as a mime type, e.g. {@code video/VP9}; empty if none was
 * @param arrived the callee's inbound-rtp codec (codecId to the codec stats' mimeType) once bytes grew; empty if none
 * @param mediaDelay the end-to-end media delay of this codec's stream, where it was measured; empty otherwise
 *     (shown as "—")
 * @param message why the cell failed, or which browser does not offer the codec; empty for a passed cell
 * @param baselineChange how this cell differs from the baseline's, one line; empty without a baseline or if equal
 * @param forcedFirst whether the codec was forced by putting it first rather than alone: where the callee refused the
 *     offer with only it (the message says how)
 */
public record CodecCell(String kind, String codec, Status status, String negotiated, String arrived, Optional<Duration> mediaDelay,
    String message, String baselineChange, boolean forcedFirst) {

  /** How a cell came out. */
  public enum Status {
    /** The forced codec was negotiated and arrived. */
    PASSED,
    /** Both browsers offer the codec, but it was not negotiated or did not arrive. */
    FAILED,
    /** One of the two browsers does not offer the codec: nothing to play. */
    NOT_OFFERED
  }

  /**
   * {@return a cell whose forced codec was negotiated and arrived}
   *
   * @param kind {@code audio} or {@code video}
   * @param codec the forced codec, e.g. {@code video/VP9}
   * @param negotiated the answer's codec
   * @param arrived the callee's inbound codec
   */
  public static CodecCell passed(String kind, String codec, String negotiated, String arrived) {
    return new CodecCell(kind, codec, Status.PASSED, negotiated, arrived, Optional.empty(), "", "", false);
  }

  /**
   * {@return a cell whose forced codec both browsers offer but which failed}
   *
   * @param kind {@code audio} or {@code video}
   * @param codec the forced codec, e.g. {@code video/VP9}
   * @param negotiated the answer's codec, or empty
   * @param arrived the callee's inbound codec, or empty
   * @param message what went wrong
   */
  public static CodecCell failed(String kind, String codec, String negotiated, String arrived, String message) {
    return new CodecCell(kind, codec, Status.FAILED, negotiated, arrived, Optional.empty(), message, "", false);
  }

  /**
   * {@return a cell of a codec that a browser of the pair does not offer}
   *
   * @param kind {@code audio} or {@code video}
   * @param codec the codec, e.g. {@code video/H264}
   * @param browsers the browser or browsers lacking it, e.g. {@code firefox}
   */
  public static CodecCell notOffered(String kind, String codec, String browsers) {
    return new CodecCell(kind, codec, Status.NOT_OFFERED, "", "", Optional.empty(), "not offered by " + browsers, "", false);
  }

  /** {@return the codec's name without its kind, e.g. {@code VP9}} */
  public String name() {
    return codec.substring(codec.indexOf('/') + 1);
  }

  /**
   * {@return what the cell says, the part a baseline compares: {@code negotiated video/VP9, arrived video/VP9},
   * {@code FAILED: negotiated video/VP8, arrived none} or {@code not offered by firefox}}
   */
  public String outcome() {
    if (status == Status.NOT_OFFERED) {
      return message;
    }
    String what = "negotiated " + orNone(negotiated) + ", arrived " + orNone(arrived);
    what += forcedFirst ? " (forced first)" : "";
    return status == Status.PASSED ? what : "FAILED: " + what;
  }

  /** {@return the media delay in milliseconds, or "—" where it was not measured} */
  public String delayText() {
    return mediaDelay.map(d -> String.format(Locale.ROOT, "%d ms", d.toMillis())).orElse("—");
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "none" : s;
  }

  /**
   * {@return this cell with this baseline change}
   *
   * @param change how it differs from the baseline's cell, or empty
   */
  public CodecCell withBaselineChange(String change) {
    return new CodecCell(kind, codec, status, negotiated, arrived, mediaDelay, message, change, forcedFirst);
  }

  /**
   * {@return this cell, played with its codec first rather than alone because the callee refused the offer with only it}
   *
   * @param refusal how the call with only the codec failed
   */
  public CodecCell withForcedFirst(String refusal) {
    String why = "with only it " + refusal.replaceFirst("^the call did not connect: ", "the call failed: ");
    return new CodecCell(kind, codec, status, negotiated, arrived, mediaDelay, message.isEmpty() ? why : message + "; " + why,
        baselineChange, true);
  }

  /**
   * {@return this cell with this media delay: where the end-to-end delay of the codec's stream was measured}
   *
   * @param delay the measured delay
   */
  public CodecCell withMediaDelay(Duration delay) {
    return new CodecCell(kind, codec, status, negotiated, arrived, Optional.of(delay), message, baselineChange, forcedFirst);
  }
}
