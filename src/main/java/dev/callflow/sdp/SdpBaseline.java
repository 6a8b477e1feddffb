package dev.callflow.sdp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A negotiated SDP kept on disk in normalized form, to catch negotiation changes between runs, browser
 * versions or app versions.
 *
 * <pre>{@code
 * List<String> changes = SdpBaseline.compare(Path.of("baselines/audio-video.offer.sdp"), "offer", offer);
 * }</pre>
 */
public final class SdpBaseline {
  private SdpBaseline() {}

  /**
   * Writes the normalized form of {@code sdp} to {@code file}, creating folders as needed.
   *
   * @param file the baseline file, replaced if it exists
   * @param sdp the negotiated SDP
   * @throws UncheckedIOException if the file cannot be written
   */
  public static void save(Path file, Sdp sdp) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, SdpNormalizer.normalize(sdp), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the SDP baseline " + file, e);
    }
  }

  /**
   * {@return the readable differences between the baseline in {@code file} and {@code current}; empty if none}
   *
   * @param file a baseline written by {@link #save}
   * @param label what the SDP is, put before each difference, e.g. {@code offer}
   * @param current the SDP negotiated now; it is normalized before the comparison
   * @throws UncheckedIOException if the file cannot be read
   * @throws SdpParseException if the file is not valid SDP
   */
  public static List<String> compare(Path file, String label, Sdp current) {
    try {
      Sdp baseline = Sdp.parse(Files.readString(file, StandardCharsets.UTF_8));
      return SdpDiff.between(label, baseline, Sdp.parse(SdpNormalizer.normalize(current)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the SDP baseline " + file, e);
    }
  }
}
