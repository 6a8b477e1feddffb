package dev.callflow.assertions;

import static dev.callflow.internal.assertions.ShouldHaveSimulcast.shouldHaveSimulcast;
import static dev.callflow.internal.assertions.ShouldBeBundled.shouldBeBundled;
import static dev.callflow.internal.assertions.ShouldHaveCandidateType.shouldHaveCandidateType;
import static dev.callflow.internal.assertions.ShouldHaveCodec.shouldHaveCodec;
import static dev.callflow.internal.assertions.ShouldHaveCodecsInOrder.shouldHaveCodecsInOrder;
import static dev.callflow.internal.assertions.ShouldHaveDirection.shouldHaveDirection;
import static dev.callflow.internal.assertions.ShouldHaveFingerprintAlgorithm.shouldHaveFingerprintAlgorithm;
import static dev.callflow.internal.assertions.ShouldHaveHeaderExtension.shouldHaveHeaderExtension;
import static dev.callflow.internal.assertions.ShouldHaveMedia.shouldHaveMedia;
import static dev.callflow.internal.assertions.ShouldNotHaveCodec.shouldNotHaveCodec;
import static dev.callflow.internal.assertions.ShouldMatchBaseline.shouldMatchBaseline;
import static dev.callflow.internal.assertions.ShouldNotHaveMedia.shouldNotHaveMedia;

import dev.callflow.CallflowConfig;
import dev.callflow.sdp.Direction;
import dev.callflow.sdp.Codec;
import dev.callflow.sdp.MediaSection;
import dev.callflow.sdp.Sdp;
import dev.callflow.sdp.SdpBaseline;
import dev.callflow.sdp.SdpLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import dev.callflow.sdp.Simulcast;
import dev.callflow.sdp.Rid;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on an offer or answer. Where a check names a media kind, every section of that kind
 * must pass. Failures quote the SDP lines they looked at, with their line numbers.
 */
public class SdpAssert extends AbstractAssert<SdpAssert, Sdp> {
  /**
   * Assertions on this SDP; {@link CallflowAssertions#assertThat(Sdp)} is the usual way in.
   *
   * @param actual the parsed SDP, checked for null by each assertion
   */
  public SdpAssert(Sdp actual) {
    super(actual, SdpAssert.class);
  }

  private List<SdpLine> mLines() {
    return actual.media().stream().map(m -> m.lines().get(0)).toList();
  }

  private List<MediaSection> sections(String kind) {
    isNotNull();
    List<MediaSection> sections = actual.media(kind);
    if (sections.isEmpty()) {
      throwAssertionError(shouldHaveMedia(kind, mLines()));
    }
    return sections;
  }

  private static List<SdpLine> attributeLines(MediaSection m, String... names) {
    return m.lines().stream().filter(l -> l.type() == 'm' || Arrays.stream(names).anyMatch(l::isAttribute)).toList();
  }

  /**
   * At least one media section of this kind.
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   * @return this assertion, to chain more
   * @throws AssertionError if there is none, quoting the m= lines
   */
  public SdpAssert hasMediaOfKind(String kind) {
    sections(kind);
    return this;
  }

  /**
   * No media section of this kind.
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   * @return this assertion, to chain more
   * @throws AssertionError if there is one, quoting the m= lines
   */
  public SdpAssert hasNoMediaOfKind(String kind) {
    isNotNull();
    if (!actual.media(kind).isEmpty()) {
      throwAssertionError(shouldNotHaveMedia(kind, mLines()));
    }
    return this;
  }

  /**
   * Every section of this kind offers the codec.
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   * @param codec the encoding name, case ignored, e.g. {@code opus} or {@code VP8}
   * @return this assertion, to chain more
   * @throws AssertionError if there is no section of that kind or a section lacks the codec, quoting its rtpmap lines
   */
  public SdpAssert hasCodec(String kind, String codec) {
    for (MediaSection m : sections(kind)) {
      if (m.codec(codec).isEmpty()) {
        throwAssertionError(shouldHaveCodec(kind, codec, attributeLines(m, "rtpmap")));
      }
    }
    return this;
  }

  /**
   * No section of this kind offers the codec.
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   * @param codec the encoding name, case ignored, e.g. {@code H264}
   * @return this assertion, to chain more
   * @throws AssertionError if there is no section of that kind or a section offers the codec, quoting its rtpmap line
   */
  public SdpAssert doesNotHaveCodec(String kind, String codec) {
    for (MediaSection m : sections(kind)) {
      if (m.codec(codec).isPresent()) {
        int pt = m.codec(codec).get().payloadType();
        throwAssertionError(shouldNotHaveCodec(kind, codec, m.lines().stream()
            .filter(l -> l.type() == 'm' || l.isAttribute("rtpmap") && l.attributeValue().startsWith(pt + " ")).toList()));
      }
    }
    return this;
  }

  /**
   * In every section of this kind, these codecs appear in this relative order of preference (others may sit
   * between them).
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   * @param codecs encoding names, most preferred first, case ignored
   * @return this assertion, to chain more
   * @throws AssertionError if there is no section of that kind or a section has another order or lacks one, quoting its
   *     rtpmap lines
   */
  public SdpAssert hasCodecsInOrder(String kind, String... codecs) {
    List<String> expected = List.of(codecs);
    for (MediaSection m : sections(kind)) {
      List<String> actualOrder = new ArrayList<>();
      for (Codec c : m.codecs()) {
        expected.stream().filter(c::is).findFirst().filter(n -> !actualOrder.contains(n)).ifPresent(actualOrder::add);
      }
      if (!actualOrder.equals(expected)) {
        throwAssertionError(shouldHaveCodecsInOrder(kind, expected, m.codecs().stream().map(Codec::name).distinct().toList(),
            attributeLines(m, "rtpmap")));
      }
    }
    return this;
  }

  /**
   * Every section of this kind has this direction (its own attribute, else the session's, else {@code sendrecv}).
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   * @param direction the expected direction
   * @return this assertion, to chain more
   * @throws AssertionError if there is no section of that kind or a section has another direction, quoting its
   *     direction lines
   */
  public SdpAssert hasDirection(String kind, Direction direction) {
    for (MediaSection m : sections(kind)) {
      if (m.direction() != direction) {
        throwAssertionError(shouldHaveDirection(m.toString(), direction.webName(), m.direction().webName(),
            m.lines().stream().filter(l -> l.type() == 'm' || l.isDirection()).toList()));
      }
    }
    return this;
  }

  /**
   * The first section of this kind sends (or receives) exactly these simulcast layers, in this order: its
   * {@code a=simulcast} names them in that direction, and each has an {@code a=rid:<rid> <direction>} line.
   *
   * @param kind usually {@code video}
   * @param direction {@code send} or {@code recv}
   * @param rids the layers' rids in the order of {@code a=simulcast}, e.g. {@code q}, {@code h}, {@code f}
   * @return this assertion, to chain more
   * @throws AssertionError if not, quoting the section's {@code a=simulcast} and {@code a=rid} lines
   * @throws IllegalArgumentException if the direction is neither {@code send} nor {@code recv}
   */
  public SdpAssert hasSimulcastLayers(String kind, String direction, String... rids) {
    if (!direction.equals("send") && !direction.equals("recv")) {
      throw new IllegalArgumentException("A simulcast direction is 'send' or 'recv', not '" + direction + "'");
    }
    MediaSection m = sections(kind).get(0);
    List<String> expected = List.of(rids);
    List<SdpLine> lines = m.lines().stream().filter(l -> l.type() == 'm' || l.value().startsWith("simulcast:") || l.value().startsWith("rid:")).toList();
    Optional<Simulcast> simulcast = Simulcast.of(m);
    String problem = null;
    if (simulcast.isEmpty()) {
      problem = "it has no a=simulcast";
    } else {
      List<String> named = direction.equals("send") ? simulcast.get().sendRids() : simulcast.get().recvRids();
      List<String> ridLines = m.rids().stream().filter(r -> r.direction().equals(direction)).map(Rid::id).toList();
      if (!named.equals(expected)) {
        problem = "its a=simulcast " + direction + " names " + named;
      } else if (!ridLines.containsAll(expected)) {
        problem = "its a=rid lines of direction " + direction + " are " + ridLines;
      }
    }
    if (problem != null) {
      throwAssertionError(shouldHaveSimulcast(m.toString(), direction, expected, problem, lines));
    }
    return this;
  }

  /**
   * One BUNDLE group holds every media section that is not rejected.
   *
   * @return this assertion, to chain more
   * @throws AssertionError if not, quoting the {@code a=group} lines
   */
  public SdpAssert isBundled() {
    isNotNull();
    List<String> mids = actual.media().stream().filter(m -> !m.isRejected()).flatMap(m -> m.mid().stream()).toList();
    boolean bundled = actual.bundle().map(g -> g.mids().containsAll(mids)).orElse(false) && !mids.isEmpty();
    if (!bundled) {
      throwAssertionError(shouldBeBundled(mids, actual.sessionLines().stream().filter(l -> l.isAttribute("group")).toList()));
    }
    return this;
  }

  /**
   * At least one {@code a=candidate} of this type.
   *
   * @param type {@code host}, {@code srflx}, {@code prflx} or {@code relay}
   * @return this assertion, to chain more
   * @throws AssertionError if there is none, quoting the candidate lines
   */
  public SdpAssert hasCandidatesOfType(String type) {
    isNotNull();
    if (actual.candidates().stream().noneMatch(c -> c.type().equals(type))) {
      throwAssertionError(shouldHaveCandidateType(type, actual.lines().stream().filter(l -> l.isAttribute("candidate")).toList()));
    }
    return this;
  }

  /**
   * Every fingerprint uses this hash function.
   *
   * @param algorithm the hash function, case ignored, e.g. {@code sha-256}
   * @return this assertion, to chain more
   * @throws AssertionError if there is no fingerprint or one uses another, quoting the fingerprint lines
   */
  public SdpAssert hasFingerprintAlgorithm(String algorithm) {
    isNotNull();
    List<SdpLine> lines = actual.lines().stream().filter(l -> l.isAttribute("fingerprint")).toList();
    if (lines.isEmpty() || lines.stream().anyMatch(l -> !l.attributeValue().toLowerCase(java.util.Locale.ROOT)
        .startsWith(algorithm.toLowerCase(java.util.Locale.ROOT) + " "))) {
      throwAssertionError(shouldHaveFingerprintAlgorithm(algorithm, lines));
    }
    return this;
  }

  /**
   * Every section of this kind offers this RTP header extension ({@code a=extmap}).
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   * @param uri the extension's URI, e.g. {@code urn:ietf:params:rtp-hdrext:sdes:mid}
   * @return this assertion, to chain more
   * @throws AssertionError if there is no section of that kind or a section lacks it, quoting its extmap lines
   */
  public SdpAssert hasHeaderExtension(String kind, String uri) {
    for (MediaSection m : sections(kind)) {
      if (m.headerExtensions().stream().noneMatch(e -> e.uri().equals(uri))) {
        throwAssertionError(shouldHaveHeaderExtension(kind, uri, attributeLines(m, "extmap")));
      }
    }
    return this;
  }

  /**
   * Negotiates as the baseline in {@code file} says (compared in normalized form: per-run values such as
   * ports, ICE credentials and SSRCs do not count). A missing file is written from this SDP and passes;
   * with {@code callflow.baseline.update=true} in the system properties or environment
   * ({@link CallflowConfig#fromEnvironment()}) it is rewritten. In a JUnit test, pass the session's
   * configuration to {@link #matchesBaseline(Path, CallflowConfig)} to honour JUnit parameters too.
   *
   * @param file the baseline file, e.g. {@code src/test/baselines/audio-video.offer.sdp}
   * @return this assertion, to chain more
   * @throws AssertionError if the negotiation differs, listing the differences
   * @throws java.io.UncheckedIOException if the file cannot be read or written
   */
  public SdpAssert matchesBaseline(Path file) {
    return matchesBaseline(file, CallflowConfig.fromEnvironment());
  }

  /**
   * As {@link #matchesBaseline(Path)}; the file is rewritten instead if {@code config} says
   * {@linkplain CallflowConfig#baselineUpdate() update}, e.g. {@code callflow.config()}.
   *
   * @param file the baseline file
   * @param config the configuration whose {@code baselineUpdate} decides whether to rewrite
   * @return this assertion, to chain more
   * @throws AssertionError if the negotiation differs, listing the differences
   * @throws java.io.UncheckedIOException if the file cannot be read or written
   */
  public SdpAssert matchesBaseline(Path file, CallflowConfig config) {
    isNotNull();
    if (!Files.exists(file) || config.baselineUpdate()) {
      SdpBaseline.save(file, actual);
      return this;
    }
    List<String> changes = SdpBaseline.compare(file, "sdp", actual);
    if (!changes.isEmpty()) {
      throwAssertionError(shouldMatchBaseline(file.toString(), changes));
    }
    return this;
  }

  /**
   * An {@code m=application} section: a data channel was negotiated.
   *
   * @return this assertion, to chain more
   * @throws AssertionError if there is none, quoting the m= lines
   */
  public SdpAssert hasDataChannel() {
    return hasMediaOfKind("application");
  }
}
