package dev.callflow.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One media section of an SDP: its {@code m=} line and every line up to the next one. Typed views
 * (codecs, extensions, SSRCs, candidates...) are read once when the SDP is parsed; the lines
 * themselves are kept as written, unknown ones included.
 */
public final class MediaSection {
  private static final String M_LINE = "an m= line is 'm=<media> <port> <proto> <fmt> ...'";
  private static final String SSRC_GROUP = "a=ssrc-group is '<semantics> <ssrc> ...'";
  // DOTALL: '.' stands for any character; without it, it stops at U+0085 and U+2028, which SDP allows in a line.
  private static final Pattern RTPMAP = Pattern.compile("(\\d+) ([^/\\s]+)/(\\d+)(?:/(\\d+))?");
  private static final Pattern FMTP = Pattern.compile("(\\d+) (.*)", Pattern.DOTALL);
  private static final Pattern RTCP_FB = Pattern.compile("(\\d+|\\*) (.+)", Pattern.DOTALL);
  private static final Pattern EXTMAP = Pattern.compile("(\\d+)(?:/(\\S+))? (\\S+)(?: .*)?", Pattern.DOTALL);
  private static final Pattern SSRC = Pattern.compile("(\\d+) ([^:]+)(?::(.*))?", Pattern.DOTALL);
  private static final Pattern RID = Pattern.compile("(\\S+) (send|recv)(?: (.*))?", Pattern.DOTALL);

  private final List<SdpLine> lines;
  private final String kind;
  private final int port;
  private final String protocol;
  private final List<String> formats;
  private final List<Codec> codecs;
  private final List<HeaderExtension> extensions = new ArrayList<>();
  private final Map<Long, Map<String, String>> ssrcs = new LinkedHashMap<>();
  private final List<SsrcGroup> ssrcGroups = new ArrayList<>();
  private final List<Rid> rids = new ArrayList<>();
  private final List<Candidate> candidates = new ArrayList<>();
  private final OptionalInt sctpPort;
  private final OptionalLong maxMessageSize;
  private final Direction sessionDirection;

  /** An {@code a=rtpmap} value, read. */
  private record RtpMap(String name, int clockRate, int channels) {}

  MediaSection(List<SdpLine> lines, Direction sessionDirection) {
    this.lines = List.copyOf(lines);
    this.sessionDirection = sessionDirection;
    SdpLine m = lines.get(0);
    // Split on spaces rather than matched with a regex: a regex over a repeated group recurses once
    // per repetition and overflows the stack on a line with thousands of formats.
    String[] f = tokens(m, m.value(), M_LINE);
    if (f.length < 3) {
      throw new SdpParseException(m.number(), m.text(), M_LINE);
    }
    kind = f[0];
    port = port(m, f[1]);
    protocol = f[2];
    formats = List.of(f).subList(3, f.length);
    if (isRtp(protocol)) {
      formats.forEach(format -> payloadType(m, format));
    }

    Map<Integer, RtpMap> rtpmaps = new LinkedHashMap<>();
    Map<Integer, Map<String, String>> fmtps = new LinkedHashMap<>();
    Map<String, List<String>> feedback = new LinkedHashMap<>();
    OptionalInt firstSctpPort = OptionalInt.empty();
    OptionalLong firstMaxMessageSize = OptionalLong.empty();
    for (SdpLine line : lines.subList(1, lines.size())) {
      if (line.type() != 'a') {
        continue;
      }
      String v = line.attributeValue() == null ? "" : line.attributeValue();
      switch (line.attributeName()) {
        case "rtpmap" -> {
          Matcher x = match(RTPMAP, v, line, "a=rtpmap is '<payload type> <encoding>/<clock rate>[/<channels>]'");
          int clockRate = (int) number(line, "the clock rate", x.group(3), 1, Integer.MAX_VALUE);
          int channels = x.group(4) == null ? 0 : (int) number(line, "the channel count", x.group(4), 1, Integer.MAX_VALUE);
          rtpmaps.put(payloadType(line, x.group(1)), new RtpMap(x.group(2), clockRate, channels));
        }
        case "fmtp" -> {
          Matcher x = match(FMTP, v, line, "a=fmtp is '<format> <parameters>'");
          fmtps.put(payloadType(line, x.group(1)), parameters(x.group(2)));
        }
        case "rtcp-fb" -> {
          Matcher x = match(RTCP_FB, v, line, "a=rtcp-fb is '<payload type or *> <feedback>'");
          String format = x.group(1).equals("*") ? "*" : String.valueOf(payloadType(line, x.group(1)));
          feedback.computeIfAbsent(format, k -> new ArrayList<>()).add(x.group(2));
        }
        case "extmap" -> {
          Matcher x = match(EXTMAP, v, line, "a=extmap is '<id>[/<direction>] <uri>'");
          int id = (int) number(line, "the extension id", x.group(1), 1, SdpNumbers.MAX_EXTENSION_ID);
          extensions.add(new HeaderExtension(id, x.group(2), x.group(3)));
        }
        case "ssrc" -> {
          Matcher x = match(SSRC, v, line, "a=ssrc is '<ssrc> <attribute>[:<value>]'");
          ssrcs.computeIfAbsent(ssrc(line, x.group(1)), k -> new LinkedHashMap<>())
              .put(x.group(2), x.group(3) == null ? "" : x.group(3));
        }
        case "ssrc-group" -> {
          String[] t = tokens(line, v, SSRC_GROUP);
          if (t.length < 2 || !Arrays.stream(t, 1, t.length).allMatch(MediaSection::isDigits)) {
            throw new SdpParseException(line.number(), line.text(), SSRC_GROUP);
          }
          ssrcGroups.add(new SsrcGroup(t[0], Arrays.stream(t, 1, t.length).map(ssrc -> ssrc(line, ssrc)).toList()));
        }
        case "rid" -> {
          Matcher x = match(RID, v, line, "a=rid is '<id> send|recv [<parameters>]'");
          rids.add(new Rid(x.group(1), x.group(2), x.group(3)));
        }
        case "candidate" -> {
          try {
            candidates.add(Candidate.parse(line.text()));
          } catch (IllegalArgumentException e) {
            throw new SdpParseException(line.number(), line.text(), e.getMessage());
          }
        }
        // Read here, not in the accessors, so that a bad value fails the parse and names its line.
        case "sctp-port" -> {
          int value = (int) number(line, "a=sctp-port", v, 0, SdpNumbers.MAX_PORT);
          firstSctpPort = firstSctpPort.isPresent() ? firstSctpPort : OptionalInt.of(value);
        }
        case "max-message-size" -> {
          long value = number(line, "a=max-message-size", v, 0, Long.MAX_VALUE);
          firstMaxMessageSize = firstMaxMessageSize.isPresent() ? firstMaxMessageSize : OptionalLong.of(value);
        }
        default -> { } // kept as a line; read through attribute()
      }
    }
    sctpPort = firstSctpPort;
    maxMessageSize = firstMaxMessageSize;
    List<Codec> list = new ArrayList<>();
    for (String format : formats) {
      OptionalLong pt = SdpNumbers.read(format, 0, SdpNumbers.MAX_PAYLOAD_TYPE);
      RtpMap map = pt.isEmpty() ? null : rtpmaps.get((int) pt.getAsLong());
      if (map == null) {
        continue; // not a payload type (e.g. webrtc-datachannel), or a static one without rtpmap: nothing to name it by
      }
      int payloadType = (int) pt.getAsLong();
      List<String> fb = new ArrayList<>(feedback.getOrDefault(String.valueOf(payloadType), List.of()));
      fb.addAll(feedback.getOrDefault("*", List.of()));
      list.add(new Codec(payloadType, map.name(), map.clockRate(), map.channels(),
          inOrder(fmtps.getOrDefault(payloadType, Map.of())), List.copyOf(fb)));
    }
    codecs = List.copyOf(list);
  }

  /** True for the RTP profiles ({@code RTP/AVP}, {@code UDP/TLS/RTP/SAVPF}...), whose formats are payload types. */
  private static boolean isRtp(String protocol) {
    return ("/" + protocol + "/").contains("/RTP/");
  }

  /** The tokens of a value that has one space between tokens, as SDP writes it. */
  private static String[] tokens(SdpLine line, String value, String expected) {
    String[] tokens = value.split(" ", -1);
    if (Arrays.stream(tokens).anyMatch(String::isEmpty)) {
      throw new SdpParseException(line.number(), line.text(), expected);
    }
    return tokens;
  }

  /** The port of an m= line, written {@code <port>} or {@code <port>/<number of ports>}. */
  private static int port(SdpLine m, String token) {
    String[] parts = token.split("/", -1);
    if (parts.length > 2 || !Arrays.stream(parts).allMatch(MediaSection::isDigits)) {
      throw new SdpParseException(m.number(), m.text(), M_LINE);
    }
    if (parts.length == 2) {
      number(m, "the port count", parts[1], 1, SdpNumbers.MAX_PORT);
    }
    return (int) number(m, "the port", parts[0], 0, SdpNumbers.MAX_PORT);
  }

  private static boolean isDigits(String token) {
    return !token.isEmpty() && token.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static int payloadType(SdpLine line, String token) {
    return (int) number(line, "a payload type", token, 0, SdpNumbers.MAX_PAYLOAD_TYPE);
  }

  private static long ssrc(SdpLine line, String token) {
    return number(line, "an SSRC", token, 0, SdpNumbers.MAX_UINT32);
  }

  private static long number(SdpLine line, String what, String token, long min, long max) {
    try {
      return SdpNumbers.parse(what, token, min, max);
    } catch (IllegalArgumentException e) {
      throw new SdpParseException(line.number(), line.text(), e.getMessage());
    }
  }

  private static Matcher match(Pattern p, String value, SdpLine line, String expected) {
    Matcher x = p.matcher(value);
    if (!x.matches()) {
      throw new SdpParseException(line.number(), line.text(), expected);
    }
    return x;
  }

  private static Map<String, String> parameters(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String part : text.split(";")) {
      String p = part.trim();
      if (!p.isEmpty()) {
        int eq = p.indexOf('=');
        out.put(eq < 0 ? p : p.substring(0, eq), eq < 0 ? "" : p.substring(eq + 1));
      }
    }
    return out;
  }

  /** {@return the media type of the m= line: {@code audio}, {@code video} or {@code application}} */
  public String kind() {
    return kind;
  }

  /**
   * {@return the port of the m= line (0 for a rejected or stopped section; browsers write 9 when ICE picks the port)}
   */
  public int port() {
    return port;
  }

  /** {@return the transport protocol of the m= line, e.g. {@code UDP/TLS/RTP/SAVPF} or {@code UDP/DTLS/SCTP}} */
  public String protocol() {
    return protocol;
  }

  /** {@return the formats of the m= line, in order: payload types for RTP, e.g. {@code webrtc-datachannel} for SCTP} */
  public List<String> formats() {
    return formats;
  }

  /** {@return whether the section was rejected or stopped (port 0)} */
  public boolean isRejected() {
    return port == 0;
  }

  /** {@return the {@code a=mid} value; empty when the section has none} */
  public Optional<String> mid() {
    return attribute("mid");
  }

  /** {@return the section's direction, else the session's, else {@code sendrecv} where neither says} */
  public Direction direction() {
    return Sdp.directionIn(lines).orElse(sessionDirection);
  }


  /**
   * {@return the codecs in the order of the m= line, which is the order of preference} Formats without an
   * {@code a=rtpmap} are left out.
   */
  public List<Codec> codecs() {
    return codecs;
  }

  /**
   * {@return the first codec with this name; empty when the section has none}
   *
   * @param name the encoding name, case ignored, e.g. {@code opus} or {@code VP9}
   */
  public Optional<Codec> codec(String name) {
    return codecs.stream().filter(c -> c.is(name)).findFirst();
  }

  /** {@return the {@code a=extmap} header extensions, in order; empty when there are none} */
  public List<HeaderExtension> headerExtensions() {
    return List.copyOf(extensions);
  }

  /** {@return the SSRCs of the {@code a=ssrc} lines with their attributes, in order of appearance} */
  public List<Ssrc> ssrcs() {
    return ssrcs.entrySet().stream().map(e -> new Ssrc(e.getKey(), inOrder(e.getValue()))).toList();
  }

  /** {@return the {@code a=ssrc-group} lines, e.g. FID groups pairing a stream with its retransmission} */
  public List<SsrcGroup> ssrcGroups() {
    return List.copyOf(ssrcGroups);
  }

  /** {@return the {@code a=rid} lines (simulcast layers), in order} */
  public List<Rid> rids() {
    return List.copyOf(rids);
  }

  /** {@return the {@code a=simulcast} value, e.g. {@code send q;h;f}; empty without simulcast} */
  public Optional<String> simulcast() {
    return attribute("simulcast");
  }

  /** {@return the first {@code a=sctp-port}, e.g. 5000; empty when there is none} */
  public OptionalInt sctpPort() {
    return sctpPort;
  }

  /** {@return the first {@code a=max-message-size}, in bytes (0 means no limit); empty when there is none} */
  public OptionalLong maxMessageSize() {
    return maxMessageSize;
  }

  /** {@return this section's {@code a=ice-ufrag}; empty when it has none} */
  public Optional<String> iceUfrag() {
    return attribute("ice-ufrag");
  }

  /** {@return this section's {@code a=ice-pwd}; empty when it has none} */
  public Optional<String> icePwd() {
    return attribute("ice-pwd");
  }

  /** {@return the {@code a=ice-options} of this section, e.g. {@code [trickle]}; empty when it has none} */
  public List<String> iceOptions() {
    return attribute("ice-options").map(v -> List.of(v.trim().split(" "))).orElse(List.of());
  }

  /** {@return this section's DTLS {@code a=fingerprint}; empty when it has none} */
  public Optional<Fingerprint> fingerprint() {
    return attribute("fingerprint").map(Sdp::fingerprintOf);
  }

  /**
   * {@return the DTLS role of {@code a=setup}: {@code actpass}, {@code active} or {@code passive}; empty when not
   * written}
   */
  public Optional<String> setup() {
    return attribute("setup");
  }

  /** {@return the {@code a=candidate} lines of this section, parsed, in order} */
  public List<Candidate> candidates() {
    return List.copyOf(candidates);
  }

  /** {@return whether {@code a=rtcp-mux} is present (RTP and RTCP on one port)} */
  public boolean rtcpMux() {
    return hasFlag("rtcp-mux");
  }

  /**
   * {@return whether this flag attribute is present}
   *
   * @param name the attribute's name without {@code a=}, e.g. {@code rtcp-mux}
   */
  public boolean hasFlag(String name) {
    return lines.stream().anyMatch(l -> l.type() == 'a' && l.value().equals(name));
  }

  /**
   * {@return the value of the first {@code a=name:value} line of this section; empty when there is none}
   *
   * @param name the attribute's name without {@code a=}, e.g. {@code mid}
   */
  public Optional<String> attribute(String name) {
    return lines.stream().filter(l -> l.isAttribute(name) && l.attributeValue() != null).map(SdpLine::attributeValue).findFirst();
  }

  /**
   * {@return the values of every {@code a=name:value} line of this section, in order}
   *
   * @param name the attribute's name without {@code a=}, e.g. {@code ssrc}
   */
  public List<String> attributes(String name) {
    return lines.stream().filter(l -> l.isAttribute(name) && l.attributeValue() != null).map(SdpLine::attributeValue).toList();
  }

  /** {@return every line of the section, the m= line first, as written} */
  public List<SdpLine> lines() {
    return lines;
  }

  /**
   * {@return the lines whose text contains this, for quoting in failure messages}
   *
   * @param text the text to look for, case sensitive
   */
  public List<SdpLine> linesContaining(String text) {
    return lines.stream().filter(l -> l.text().contains(text)).toList();
  }

  @Override
  public String toString() {
    return "m=" + kind + mid().map(m -> " (mid " + m + ")").orElse("");
  }

  /** An unmodifiable copy that keeps the order of the lines ({@code Map.copyOf} would not). */
  private static Map<String, String> inOrder(Map<String, String> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
