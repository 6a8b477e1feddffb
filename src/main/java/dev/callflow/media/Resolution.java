package dev.callflow.media;

/**
 * The size of the frames shown from a moment on.
 *
 * @param from when the first frame of this size was shown, ms since the measurement began
 * @param width pixels
 * @param height pixels
 */
public record Resolution(double from, int width, int height) {
  @Override
  public String toString() {
    return String.format(java.util.Locale.ROOT, "%dx%d from +%.2fs", width, height, from / 1000);
  }
}
