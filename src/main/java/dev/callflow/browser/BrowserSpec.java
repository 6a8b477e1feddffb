package dev.callflow.browser;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable description of a browser to launch. Two equal specs can share a warm browser.
 *
 * <pre>{@code
 * BrowserSpec spec = BrowserSpec.of(BrowserType.FIREFOX).withMediaAccess(MediaAccess.DENIED);
 * }</pre>
 */
public final class BrowserSpec {
  private final BrowserType type;
  private final boolean headless;
  private final MediaAccess mediaAccess;
  private final CandidatePolicy candidatePolicy;
  private final List<String> extraArguments;
  private final URL gridUrl;
  private final SyntheticMedia syntheticMedia;

  private BrowserSpec(BrowserType type, boolean headless, MediaAccess mediaAccess,
      CandidatePolicy candidatePolicy, List<String> extraArguments, URL gridUrl) {
    this(type, headless, mediaAccess, candidatePolicy, extraArguments, gridUrl, null);
  }

  private BrowserSpec(BrowserType type, boolean headless, MediaAccess mediaAccess,
      CandidatePolicy candidatePolicy, List<String> extraArguments, URL gridUrl, SyntheticMedia syntheticMedia) {
    this.type = Objects.requireNonNull(type, "type");
    this.headless = headless;
    this.mediaAccess = Objects.requireNonNull(mediaAccess, "mediaAccess");
    this.candidatePolicy = Objects.requireNonNull(candidatePolicy, "candidatePolicy");
    this.extraArguments = List.copyOf(extraArguments);
    this.gridUrl = gridUrl;
    if (syntheticMedia != null && mediaAccess != MediaAccess.FAKE_DEVICES) {
      throw new IllegalArgumentException("Synthetic media needs devices and the permission to use them, not " + mediaAccess);
    }
    this.syntheticMedia = syntheticMedia;
  }

  /**
   * A headless browser of this type with fake devices and the loopback candidate policy. (A session
   * configured with {@code callflow.headed=true} launches every spec headed.)
   *
   * @param type the browser to launch
   * @return the default spec for that browser
   */
  public static BrowserSpec of(BrowserType type) {
    return new BrowserSpec(type, true, MediaAccess.FAKE_DEVICES, CandidatePolicy.LOOPBACK, List.of(), null);
  }

  /** {@return this spec with a window on screen instead of headless (needs a display)} */
  public BrowserSpec withHeaded() {
    return new BrowserSpec(type, false, mediaAccess, candidatePolicy, extraArguments, gridUrl, syntheticMedia);
  }

  /**
   * {@return this spec with what a page gets from getUserMedia}
   *
   * @param access fake devices (the default), permission denied, or no devices
   */
  public BrowserSpec withMediaAccess(MediaAccess access) {
    return new BrowserSpec(type, headless, access, candidatePolicy, extraArguments, gridUrl, syntheticMedia);
  }

  /**
   * {@return this spec with how far the browser may reach}
   *
   * @param policy loopback only (the default, hermetic) or any candidate and host
   */
  public BrowserSpec withCandidatePolicy(CandidatePolicy policy) {
    return new BrowserSpec(type, headless, mediaAccess, policy, extraArguments, gridUrl, syntheticMedia);
  }

  /**
   * {@return this spec with these arguments added after the ones it has}
   *
   * @param arguments command-line arguments (Chrome) or {@code name=value} preferences (Firefox)
   */
  public BrowserSpec withExtraArguments(String... arguments) {
    List<String> all = new ArrayList<>(extraArguments);
    all.addAll(List.of(arguments));
    return new BrowserSpec(type, headless, mediaAccess, candidatePolicy, all, gridUrl, syntheticMedia);
  }

  /**
   * {@return this spec run on a Selenium Grid instead of this machine} There, the loopback candidate policy keeps
   * candidates on the addresses of the Grid's nodes too: hermetic means only that Grid's hosts.
   *
   * @param url the grid's address, e.g. {@code http://grid:4444}
   */
  public BrowserSpec withGrid(URL url) {
    return new BrowserSpec(type, headless, mediaAccess, candidatePolicy, extraArguments, url, syntheticMedia);
  }

  /**
   * {@return this spec with a generated camera and microphone instead of the browser's fake devices} Pages get them
   * from getUserMedia and enumerateDevices, the same in every browser, each frame stamped for
   * {@code PeerConnection.measureMedia}.
   *
   * @param media the camera's size, rate and label
   * @throws IllegalArgumentException if the spec's media access is not {@link MediaAccess#FAKE_DEVICES}
   */
  public BrowserSpec withSyntheticMedia(SyntheticMedia media) {
    return new BrowserSpec(type, headless, mediaAccess, candidatePolicy, extraArguments, gridUrl, Objects.requireNonNull(media, "media"));
  }

  /** {@return the generated camera and microphone pages get; empty when they get the browser's own fake devices} */
  public Optional<SyntheticMedia> syntheticMedia() {
    return Optional.ofNullable(syntheticMedia);
  }

  /** {@return the browser to launch} */
  public BrowserType type() {
    return type;
  }

  /** {@return whether the browser runs without a window (the default)} */
  public boolean headless() {
    return headless;
  }

  /** {@return what a page gets when it asks for the camera and microphone} */
  public MediaAccess mediaAccess() {
    return mediaAccess;
  }

  /** {@return how far the browser may reach: loopback only, or anywhere} */
  public CandidatePolicy candidatePolicy() {
    return candidatePolicy;
  }

  /** {@return the extra arguments or preferences, in the order given; empty when there are none} */
  public List<String> extraArguments() {
    return extraArguments;
  }

  /** {@return the Selenium Grid to run on; empty when the browser runs on this machine} */
  public Optional<URL> gridUrl() {
    return Optional.ofNullable(gridUrl);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BrowserSpec s && s.type == type && s.headless == headless
        && s.mediaAccess == mediaAccess && s.candidatePolicy == candidatePolicy
        && s.extraArguments.equals(extraArguments) && Objects.equals(String.valueOf(s.gridUrl), String.valueOf(gridUrl))
        && Objects.equals(s.syntheticMedia, syntheticMedia);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, headless, mediaAccess, candidatePolicy, extraArguments, String.valueOf(gridUrl), syntheticMedia);
  }

  @Override
  public String toString() {
    return type.id() + (headless ? "" : " headed") + (mediaAccess == MediaAccess.FAKE_DEVICES ? "" : " " + mediaAccess)
        + (syntheticMedia == null ? "" : " " + syntheticMedia)
        + (candidatePolicy == CandidatePolicy.LOOPBACK ? "" : " candidates=" + candidatePolicy)
        + (extraArguments.isEmpty() ? "" : " " + extraArguments) + (gridUrl == null ? "" : " on " + gridUrl);
  }
}
