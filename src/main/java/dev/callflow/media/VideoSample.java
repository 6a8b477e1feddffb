package dev.callflow.media;

import java.util.OptionalDouble;

/**
 * One frame a receiving {@code <video>} element presented, as {@code requestVideoFrameCallback} told it, with the stamp
 * read from its picture when it carries one (a synthetic camera's frame).
 *
 * @param element which of the connection's video elements showed it, from 0
 * @param at when it was to be shown (its {@code expectedDisplayTime}), ms on the machine's wall clock
 * @param presentedFrames the element's count of frames presented so far
 * @param width the frame's width in pixels
 * @param height the frame's height in pixels
 * @param counter the sender's frame counter from the stamp; -1 without a readable stamp
 * @param captured when the sender drew the frame, ms on the machine's wall clock; -1 without a readable stamp
 */
public record VideoSample(int element, double at, long presentedFrames, int width, int height, long counter, double captured) {
  /** {@return whether the frame carried a stamp that read correctly (its checksum held)} */
  public boolean stamped() {
    return counter >= 0 && captured >= 0;
  }

  /** {@return how long after its capture the frame was shown, ms; empty without a stamp} */
  public OptionalDouble delayMillis() {
    return stamped() ? OptionalDouble.of(at - captured) : OptionalDouble.empty();
  }
}
