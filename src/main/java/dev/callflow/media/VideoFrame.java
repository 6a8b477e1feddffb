package dev.callflow.media;

/**
 * What a remote video element showed at one moment, scaled down to 32x24 pixels.
 *
 * @param width the video's width in pixels
 * @param height the video's height in pixels
 * @param luma the mean luma, 0 (black) to 255 (white)
 * @param hash a hash of the scaled pixels: equal hashes mean an unchanged picture
 * @param time the element's currentTime, seconds
 * @param drawn false when the element had no frame to paint (the pixels came back transparent)
 */
public record VideoFrame(int width, int height, double luma, int hash, double time, boolean drawn) {
  /** Below this mean luma a frame counts as black (fake cameras are far brighter). */
  public static final double BLACK_LUMA = 16;

  /**
   * {@return whether a picture was painted and it is black (mean luma below {@link #BLACK_LUMA})} A frame
   * with nothing painted is not black but missing.
   */
  public boolean isBlack() {
    return drawn && luma < BLACK_LUMA;
  }
}
