package dev.callflow.interop;

import static dev.callflow.assertions.CallflowAssertions.assertThat;

import dev.callflow.browser.BrowserSpec;
import dev.callflow.browser.SyntheticMedia;
import dev.callflow.failure.CallflowException;
import dev.callflow.media.MediaQuality;
import dev.callflow.peer.Call;
import dev.callflow.peer.Peer;
import dev.callflow.peer.PeerConnection;
import dev.callflow.sdp.Codec;
import dev.callflow.sdp.MediaSection;
import dev.callflow.sdp.Sdp;
import dev.callflow.stats.StatsReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The codec matrix of a browser pair: each codec both browsers can send and receive (asked of the browsers, {@code
 * RTCRtpSender/RTCRtpReceiver.getCapabilities}), forced in turn on the caller with setCodecPreferences holding only
 * it (and its RTX, RED and FEC), one audio and one video codec per call. A cell passes when the answer negotiated
 * the codec and the callee's inbound-rtp of that codec grew (bytes, and for video decoded frames); a codec only one
 * browser offers is a "not offered" cell, never a failure. The interop run's {@code codecs} scenario.
 *
 * <pre>{@code
 * List<CodecCell> cells = new ArrayList<>();
 * new CodecMatrix().play(alice, bob, cells::add).close();
 * assertThat(cells).allMatch(c -> c.status() != CodecCell.Status.FAILED);
 * }</pre>
 */
public final class CodecMatrix implements Scenario {
  /** The scenario's id, in reports and baseline folders. */
  public static final String ID = "codecs";
  /** Formats that go with a codec rather than being one: kept next to the forced codec, never forced themselves. */
  static final Set<String> AUXILIARY = Set.of("rtx", "red", "ulpfec", "flexfec-03", "telephone-event", "cn");
  private static final Duration SOON = Duration.ofSeconds(10);
  private static final Duration MEASURED = Duration.ofSeconds(2);

  /** A codec matrix scenario. */
  public CodecMatrix() {}

  @Override
  public String id() {
    return ID;
  }

  /** The matrix's peers send synthetic media, whose stamps give each cell its end-to-end delay. */
  @Override
  public BrowserSpec browser(BrowserSpec spec) {
    return spec.syntheticMedia().isPresent() ? spec : spec.withSyntheticMedia(SyntheticMedia.defaults());
  }

  @Override
  public String description() {
    return "each codec both browsers offer, forced in turn on the caller (setCodecPreferences with only it): "
        + "negotiated and arrived";
  }

  /** Plays the matrix, keeping no cells; fails if a cell fails. See {@link #play(Peer, Peer, Consumer)}. */
  @Override
  public Call play(Peer caller, Peer callee) {
    return play(caller, callee, cell -> {});
  }

  /**
   * Plays every cell of the pair, telling {@code cells} of each as it is known (the codecs only one browser offers
   * first), and returns the last call, still open.
   *
   * @param caller the side whose transceivers get the forced codec, on a fresh page
   * @param callee the side that answers and receives, on a fresh page
   * @param cells told of each cell
   * @return the last call, open
   * @throws AssertionError after the last cell if a cell failed, naming each, or if the browsers share no codec
   */
  public Call play(Peer caller, Peer callee, Consumer<CodecCell> cells) {
    List<String> video = playable("video", caller, callee, cells);
    List<String> audio = playable("audio", caller, callee, cells);
    if (video.isEmpty() && audio.isEmpty()) {
      throw new AssertionError(caller.browser().type().id() + " and " + callee.browser().type().id() + " offer no codec in common");
    }
    List<String> failures = new ArrayList<>();
    Call last = null;
    Forcing forcing = new Forcing();
    for (int i = 0; i < Math.max(video.size(), audio.size()); i++) {
      String v = i < video.size() ? video.get(i) : null;
      String a = i < audio.size() ? audio.get(i) : null;
      List<CodecCell> played = new ArrayList<>();
      last = playBoth(caller, callee, v, a, forcing, last, played);
      for (CodecCell c : played) {
        cells.accept(c);
        if (c.status() == CodecCell.Status.FAILED) {
          failures.add(c.codec() + ": " + c.message());
        }
      }
    }
    if (!failures.isEmpty()) {
      if (last != null) {
        last.close();
      }
      throw new AssertionError(failures.size() + " codec(s) both browsers offer failed: " + String.join("; ", failures));
    }
    return last;
  }

  /**
   * How each kind is forced: by setCodecPreferences with only the codec, or, once the callee refused such an offer (Firefox
   * keeps the rtcp-fb lines of the codecs it left out, which Chromium cannot parse), with the codec first and the rest after.
   */
  private static final class Forcing {
    final Map<String, String> refusedOnly = new HashMap<>();

    boolean only(String kind) {
      return !refusedOnly.containsKey(kind);
    }
  }

  /**
   * Plays a video and an audio codec in one call. If the callee refuses the offer, each is played alone to find the
   * kind whose only-codec offer it refuses; that kind is then forced by order.
   */
  private static Call playBoth(Peer caller, Peer callee, String video, String audio, Forcing forcing, Call previous, List<CodecCell> cells) {
    Call last = playOne(caller, callee, video, audio, forcing, previous, cells);
    if (!refused(cells)) {
      return last;
    }
    cells.clear();
    for (String codec : new String[] {video, audio}) {
      if (codec == null) {
        continue;
      }
      String kind = kindOf(codec);
      List<CodecCell> alone = new ArrayList<>();
      last = playOne(caller, callee, kind.equals("video") ? codec : null, kind.equals("audio") ? codec : null, forcing, last, alone);
      if (refused(alone) && forcing.only(kind)) {
        forcing.refusedOnly.put(kind, alone.get(0).message());
        alone.clear();
        last = playOne(caller, callee, kind.equals("video") ? codec : null, kind.equals("audio") ? codec : null, forcing, last, alone);
      }
      cells.addAll(alone);
    }
    return last;
  }

  private static boolean refused(List<CodecCell> cells) {
    return cells.stream().anyMatch(c -> c.status() == CodecCell.Status.FAILED && c.message().contains(REFUSED));
  }

  private static final String REFUSED = "setRemoteDescription failed";

  private static String kindOf(String mimeType) {
    return mimeType.substring(0, mimeType.indexOf('/')).toLowerCase(Locale.ROOT);
  }

  /** The codecs of this kind to play; a cell for each one only one side offers. */
  private static List<String> playable(String kind, Peer caller, Peer callee, Consumer<CodecCell> cells) {
    List<String> a = caller.codecCapabilities(kind);
    List<String> b = callee.codecCapabilities(kind);
    notOffered(kind, caller.browser().type().id(), a, callee.browser().type().id(), b).forEach(cells);
    return common(kind, a, b);
  }

  /**
   * {@return the codecs of this kind in both lists, as mime types in the first list's order and spelling, formats
   * that go with a codec (RTX, RED, FEC, DTMF, comfort noise) left out}
   *
   * @param kind {@code audio} or {@code video}
   * @param callerCodecs the caller's mime types, e.g. from {@link Peer#codecCapabilities(String)}
   * @param calleeCodecs the callee's
   */
  public static List<String> common(String kind, List<String> callerCodecs, List<String> calleeCodecs) {
    return codecs(kind, callerCodecs).stream().filter(c -> contains(calleeCodecs, c)).toList();
  }

  /**
   * {@return a "not offered" cell for each codec of this kind only one of the two lists has, the caller's first}
   *
   * @param kind {@code audio} or {@code video}
   * @param caller the caller's browser, e.g. {@code chrome}
   * @param callerCodecs the caller's mime types
   * @param callee the callee's browser
   * @param calleeCodecs the callee's mime types
   */
  public static List<CodecCell> notOffered(String kind, String caller, List<String> callerCodecs, String callee, List<String> calleeCodecs) {
    List<CodecCell> out = new ArrayList<>();
    codecs(kind, callerCodecs).stream().filter(c -> !contains(calleeCodecs, c)).forEach(c -> out.add(CodecCell.notOffered(kind, c, callee)));
    codecs(kind, calleeCodecs).stream().filter(c -> !contains(callerCodecs, c)).forEach(c -> out.add(CodecCell.notOffered(kind, c, caller)));
    return out;
  }

  private static List<String> codecs(String kind, List<String> mimeTypes) {
    return mimeTypes.stream().filter(m -> m.toLowerCase(Locale.ROOT).startsWith(kind + "/") && !auxiliary(m)).distinct().toList();
  }

  private static boolean contains(List<String> mimeTypes, String mimeType) {
    return mimeTypes.stream().anyMatch(m -> m.equalsIgnoreCase(mimeType));
  }

  static boolean auxiliary(String mimeType) {
    return AUXILIARY.contains(mimeType.substring(mimeType.indexOf('/') + 1).toLowerCase(Locale.ROOT));
  }

  /**
   * One call forcing a video codec, an audio codec or both, after hanging up the previous call; adds a cell for each.
   * Returns the call, or null if it never connected.
   */
  private static Call playOne(Peer caller, Peer callee, String video, String audio, Forcing forcing, Call previous, List<CodecCell> cells) {
    if (previous != null) {
      previous.hangUp();
      previous.close();
    }
    Call.Builder builder = caller.call(callee).withReceiveOnlyCallee();
    builder = video == null ? builder : builder.withVideo();
    builder = audio == null ? builder : builder.withAudio();
    Call call;
    try {
      call = builder.withSetup(c -> {
        for (String codec : new String[] {video, audio}) {
          if (codec != null && forcing.only(kindOf(codec))) {
            c.caller().setOnlyCodecs(kindOf(codec), forced(kindOf(codec), codec));
          } else if (codec != null) {
            c.caller().setCodecPreferences(kindOf(codec), forced(kindOf(codec), codec));
          }
        }
      }).connect();
    } catch (CallflowException | AssertionError e) {
      String why = "the call did not connect: " + firstLine(e);
      for (String codec : new String[] {video, audio}) {
        if (codec != null) {
          cells.add(CodecCell.failed(kindOf(codec), codec, "", "", why));
        }
      }
      return null;
    }
    List<CodecCell> checked = new ArrayList<>();
    for (String codec : new String[] {video, audio}) {
      if (codec != null) {
        CodecCell cell = check(call, kindOf(codec), codec);
        String refusal = forcing.refusedOnly.get(kindOf(codec));
        checked.add(refusal == null ? cell : cell.withForcedFirst(refusal));
      }
    }
    cells.addAll(withDelays(call, checked));
    return call;
  }

  /**
   * The cells with their median end-to-end delay, measured at the callee over {@link #MEASURED} when the caller sends
   * synthetic media (its stamps and beeps); a cell keeps "not measured" where the media carried none, or where the
   * receiving page's audio clock did not keep time (Firefox's mock audio output on a busy machine).
   */
  private static List<CodecCell> withDelays(Call call, List<CodecCell> cells) {
    if (cells.stream().noneMatch(c -> c.status() == CodecCell.Status.PASSED)) {
      return cells;
    }
    MediaQuality quality;
    try {
      quality = call.callee().measureMedia(MEASURED);
    } catch (RuntimeException | AssertionError e) {
      return cells; // the cells say what arrived; a measurement that fails takes nothing from them
    }
    List<CodecCell> out = new ArrayList<>();
    for (CodecCell cell : cells) {
      Optional<Duration> delay = cell.status() != CodecCell.Status.PASSED ? Optional.empty()
          : cell.kind().equals("video") ? quality.video().delayPercentile(50)
          : quality.audio().clockKeptTime() ? quality.audio().delayPercentile(50) : Optional.empty();
      out.add(delay.map(cell::withMediaDelay).orElse(cell));
    }
    return out;
  }

  /** The codec and the formats that go with it: RTX, RED and FEC for video, DTMF and comfort noise for audio. */
  private static String[] forced(String kind, String codec) {
    List<String> out = new ArrayList<>(List.of(codec));
    (kind.equals("video") ? List.of("rtx", "red", "ulpfec", "flexfec-03") : List.of("telephone-event", "CN"))
        .forEach(a -> out.add(kind + "/" + a));
    return out.toArray(String[]::new);
  }

  private static CodecCell check(Call call, String kind, String codec) {
    String negotiated = negotiated(call.callee(), kind);
    try {
      assertThat(call.callee()).receivesCodec(codec, SOON);
    } catch (AssertionError e) {
      String arrived = arrived(call.callee(), kind);
      return CodecCell.failed(kind, codec, negotiated, arrived, (arrived.isEmpty() ? "no " + kind + " arrived: " : "") + firstLine(e));
    }
    String arrived = arrived(call.callee(), kind);
    if (!negotiated.equalsIgnoreCase(codec)) {
      return CodecCell.failed(kind, codec, negotiated, arrived, "the answer negotiated " + (negotiated.isEmpty() ? "no " + kind + " codec" : negotiated));
    }
    return CodecCell.passed(kind, codec, negotiated, arrived);
  }

  /** The answer's first codec of this kind that is not RTX, RED or FEC, as a mime type; empty if the section was rejected. */
  private static String negotiated(PeerConnection callee, String kind) {
    Optional<MediaSection> section = callee.localDescription().map(d -> Sdp.parse(d.sdp()))
        .flatMap(sdp -> sdp.media(kind).stream().findFirst()).filter(m -> !m.isRejected());
    return section.flatMap(m -> m.codecs().stream().map(Codec::name).map(n -> kind + "/" + n).filter(n -> !auxiliary(n)).findFirst())
        .orElse("");
  }

  /** The codec of the callee's inbound-rtp of this kind as its stats name it (codecId to mimeType); empty if none. */
  private static String arrived(PeerConnection callee, String kind) {
    StatsReport stats = callee.getStats();
    return stats.inboundRtp(kind).stream().findFirst().flatMap(stats::codecOf).flatMap(c -> c.mimeType()).orElse("");
  }

  private static String firstLine(Throwable e) {
    return String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(e.getClass().getSimpleName());
  }
}
