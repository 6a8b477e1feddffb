package dev.callflow.media;

import java.util.List;
import java.util.Locale;

/**
 * Remote video watched for a while: frames decoded (from stats) and the picture on the page.
 *
 * @param frames the pictures sampled from the video element, in order
 * @param framesDecoded frames decoded during the check (inbound-rtp framesDecoded)
 * @param seconds how long the check watched
 */
public record VideoCheck(List<VideoFrame> frames, long framesDecoded, double seconds) {
  /**
   * A check of these samples; the list of frames is copied.
   *
   * @param frames the pictures sampled from the video element, in order
   * @param framesDecoded frames decoded during the check (inbound-rtp framesDecoded)
   * @param seconds how long the check watched
   */
  public VideoCheck {
    frames = List.copyOf(frames);
  }

  private List<VideoFrame> drawn() {
    return frames.stream().filter(VideoFrame::drawn).toList();
  }

  /** {@return whether the painted picture changed between samples (not frozen)} */
  public boolean changing() {
    return drawn().stream().map(VideoFrame::hash).distinct().count() > 1;
  }

  /**
   * {@return whether the element played on during the check (its currentTime moved)} A stalled element
   * shows nothing new.
   */
  public boolean advancing() {
    List<VideoFrame> drawn = drawn();
    return drawn.size() > 1 && drawn.get(drawn.size() - 1).time() > drawn.get(0).time();
  }

  /** {@return whether every sample painted a black picture while the element played on (not a stall of the page)} */
  public boolean black() {
    return !frames.isEmpty() && frames.stream().allMatch(VideoFrame::isBlack) && advancing();
  }

  /** {@return whether the video plays: frames decoded, the picture changing, and not black} */
  public boolean playing() {
    return framesDecoded > 0 && changing() && !black();
  }

  /** {@return whether every sample painted the same picture although the check watched for a while} */
  public boolean frozen() {
    return frames.size() > 1 && drawn().size() == frames.size() && !changing();
  }

  /** {@return frames decoded per second of the check; 0 when the check did not last} */
  public double framesPerSecond() {
    return seconds <= 0 ? 0 : framesDecoded / seconds;
  }

  /** {@return the video's width in pixels at the last sample; 0 without samples} */
  public int width() {
    return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).width();
  }

  /** {@return the video's height in pixels at the last sample; 0 without samples} */
  public int height() {
    return frames.isEmpty() ? 0 : frames.get(frames.size() - 1).height();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%dx%d, %.1f fps decoded, luma %s, %d distinct pictures in %d samples over %.1fs",
        width(), height(), framesPerSecond(),
        frames.stream().map(f -> f.drawn() ? String.format(Locale.ROOT, "%.0f", f.luma()) : "none").toList(),
        drawn().stream().map(VideoFrame::hash).distinct().count(), frames.size(), seconds);
  }
}
