package dev.callflow.browser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A generated camera and microphone, the same in every browser, that pages get from {@code getUserMedia} and see in
 * {@code enumerateDevices} ("Callflow synthetic camera", "Callflow synthetic microphone") instead of the browser's own
 * fake devices. Every video frame carries a stamp that the receiving side reads: a frame counter and the frame's
 * capture time on the machine's wall clock, shared by all the browsers on it. The microphone beeps at each whole
 * second of that clock. So delay, frame rate, freezes and audio/video sync can be measured end to end
 * ({@code PeerConnection.measureMedia}).
 *
 * <pre>{@code
 * BrowserSpec spec = BrowserSpec.of(BrowserType.FIREFOX).withSyntheticMedia(SyntheticMedia.camera(1280, 720, 30).withLabel("bob"));
 * }</pre>
 *
 * <p>A page's constraints are honoured as a camera would: {@code width}, {@code height} and {@code frameRate}
 * (numbers, {@code ideal}, {@code exact}, {@code max}) pick the size and rate, else these are used.
 */
public final class SyntheticMedia {
  /** The largest side and rate a synthetic camera makes: beyond it drawing would cost more than the call. */
  public static final int MAX_SIDE = 1920;
  /** The highest frame rate a synthetic camera makes. */
  public static final int MAX_FRAME_RATE = 60;

  private final int width;
  private final int height;
  private final int frameRate;
  private final String label;

  private SyntheticMedia(int width, int height, int frameRate, String label) {
    if (width < 64 || height < 48 || width > MAX_SIDE || height > MAX_SIDE) {
      throw new IllegalArgumentException("A synthetic camera's size must be 64x48 to " + MAX_SIDE + "x" + MAX_SIDE
          + ", not " + width + "x" + height);
    }
    if (frameRate < 1 || frameRate > MAX_FRAME_RATE) {
      throw new IllegalArgumentException("A synthetic camera's frame rate must be 1 to " + MAX_FRAME_RATE + ", not " + frameRate);
    }
    Objects.requireNonNull(label, "label");
    if (label.length() > 40) {
      throw new IllegalArgumentException("A synthetic camera's label is at most 40 characters, not " + label.length() + ": " + label);
    }
    this.width = width;
    this.height = height;
    this.frameRate = frameRate;
    this.label = label;
  }

  /** {@return a 640x480 camera at 30 frames per second, and the microphone} */
  public static SyntheticMedia defaults() {
    return camera(640, 480, 30);
  }

  /**
   * {@return a camera of this size and rate when the page's constraints do not say otherwise, and the microphone}
   *
   * @param width pixels, 64 to {@value #MAX_SIDE}
   * @param height pixels, 48 to {@value #MAX_SIDE}
   * @param frameRate frames per second, 1 to {@value #MAX_FRAME_RATE}
   * @throws IllegalArgumentException if a value is out of range, naming it
   */
  public static SyntheticMedia camera(int width, int height, int frameRate) {
    return new SyntheticMedia(width, height, frameRate, "");
  }

  /**
   * {@return this media with a text drawn in every frame, e.g. the peer's name, so a picture tells whose it is}
   *
   * @param text at most 40 characters; empty for none
   */
  public SyntheticMedia withLabel(String text) {
    return new SyntheticMedia(width, height, frameRate, text);
  }

  /** {@return the width of a frame when the page does not ask for one} */
  public int width() {
    return width;
  }

  /** {@return the height of a frame when the page does not ask for one} */
  public int height() {
    return height;
  }

  /** {@return frames per second when the page does not ask for a rate} */
  public int frameRate() {
    return frameRate;
  }

  /** {@return the text drawn in every frame; empty for none} */
  public String label() {
    return label;
  }

  /** {@return what the probe is told, as plain values for its options} */
  public Map<String, Object> toOptions() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("width", width);
    options.put("height", height);
    options.put("frameRate", frameRate);
    options.put("label", label);
    return options;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SyntheticMedia m && m.width == width && m.height == height && m.frameRate == frameRate
        && m.label.equals(label);
  }

  @Override
  public int hashCode() {
    return Objects.hash(width, height, frameRate, label);
  }

  @Override
  public String toString() {
    return "synthetic " + width + "x" + height + "@" + frameRate + (label.isEmpty() ? "" : " '" + label + "'");
  }
}
