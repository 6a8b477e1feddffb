package dev.callflow.media;

/**
 * What a remote video element showed at one moment, scaled down to 32x24 pixels.
 *
 * @param width the video's width in pixels
 * @param height the video's height in pixels
 * @param luma the mean luma, 0 (black) to 255 (white)
 * @param hash a hash of the scaled pixels: equal hashes mean an unchanged picture
 * @param time the element's currentTime, seconds
 */
public record VideoFrame(int width, int height, double luma, int hash, double time) {
  /** Below this mean luma a frame counts as black (fake cameras are far brighter). */
  public static final double BLACK_LUMA = 16;

  public boolean isBlack() {
    return luma < BLACK_LUMA;
  }
}
