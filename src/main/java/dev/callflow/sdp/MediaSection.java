package dev.callflow.sdp;

import dev.callflow.peer.Direction;
import java.util.ArrayList;
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
  private static final Pattern M_LINE = Pattern.compile("(\\S+) (\\d+)(?:/(\\d+))? (\\S+)((?: \\S+)*)");
  private static final Pattern RTPMAP = Pattern.compile("(\\d+) ([^/\\s]+)/(\\d+)(?:/(\\d+))?");
  private static final Pattern FMTP = Pattern.compile("(\\d+) (.*)");
  private static final Pattern RTCP_FB = Pattern.compile("(\\d+|\\*) (.+)");
  private static final Pattern EXTMAP = Pattern.compile("(\\d+)(?:/(\\S+))? (\\S+)(?: .*)?");
  private static final Pattern SSRC = Pattern.compile("(\\d+) ([^:]+)(?::(.*))?");
  private static final Pattern SSRC_GROUP = Pattern.compile("(\\S+)((?: \\d+)+)");
  private static final Pattern RID = Pattern.compile("(\\S+) (send|recv)(?: (.*))?");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

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
  private final Direction sessionDirection;

  MediaSection(List<SdpLine> lines, Direction sessionDirection) {
    this.lines = List.copyOf(lines);
    this.sessionDirection = sessionDirection;
    SdpLine m = lines.get(0);
    Matcher mm = M_LINE.matcher(m.value());
    if (!mm.matches()) {
      throw new SdpParseException(m.number(), m.text(), "an m= line is 'm=<media> <port> <proto> <fmt> ...'");
    }
    kind = mm.group(1);
    port = Integer.parseInt(mm.group(2));
    protocol = mm.group(4);
    formats = mm.group(5).isBlank() ? List.of() : List.of(mm.group(5).trim().split(" "));

    Map<Integer, String[]> rtpmaps = new LinkedHashMap<>();
    Map<Integer, Map<String, String>> fmtps = new LinkedHashMap<>();
    Map<String, List<String>> feedback = new LinkedHashMap<>();
    for (SdpLine line : lines.subList(1, lines.size())) {
      if (line.type() != 'a') {
        continue;
      }
      String v = line.attributeValue();
      switch (line.attributeName()) {
        case "rtpmap" -> {
          Matcher x = match(RTPMAP, v, line, "a=rtpmap is '<payload type> <encoding>/<clock rate>[/<channels>]'");
          rtpmaps.put(Integer.parseInt(x.group(1)), new String[] {x.group(2), x.group(3), x.group(4)});
        }
        case "fmtp" -> {
          Matcher x = match(FMTP, v, line, "a=fmtp is '<format> <parameters>'");
          fmtps.put(Integer.parseInt(x.group(1)), parameters(x.group(2)));
        }
        case "rtcp-fb" -> {
          Matcher x = match(RTCP_FB, v, line, "a=rtcp-fb is '<payload type or *> <feedback>'");
          feedback.computeIfAbsent(x.group(1), k -> new ArrayList<>()).add(x.group(2));
        }
        case "extmap" -> {
          Matcher x = match(EXTMAP, v, line, "a=extmap is '<id>[/<direction>] <uri>'");
          extensions.add(new HeaderExtension(Integer.parseInt(x.group(1)), x.group(2), x.group(3)));
        }
        case "ssrc" -> {
          Matcher x = match(SSRC, v, line, "a=ssrc is '<ssrc> <attribute>[:<value>]'");
          ssrcs.computeIfAbsent(Long.parseLong(x.group(1)), k -> new LinkedHashMap<>())
              .put(x.group(2), x.group(3) == null ? "" : x.group(3));
        }
        case "ssrc-group" -> {
          Matcher x = match(SSRC_GROUP, v, line, "a=ssrc-group is '<semantics> <ssrc> ...'");
          ssrcGroups.add(new SsrcGroup(x.group(1), List.of(x.group(2).trim().split(" ")).stream().map(Long::parseLong).toList()));
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
        case "sctp-port", "max-message-size" -> match(NUMBER, v, line, "a=" + line.attributeName() + " is a number");
        default -> { } // kept as a line; read through attribute()
      }
    }
    List<Codec> list = new ArrayList<>();
    for (String format : formats) {
      if (!NUMBER.matcher(format).matches()) {
        continue; // not an RTP payload type (e.g. webrtc-datachannel)
      }
      int pt = Integer.parseInt(format);
      String[] map = rtpmaps.get(pt);
      if (map == null) {
        continue; // a static payload type without rtpmap: nothing to name it by
      }
      List<String> fb = new ArrayList<>(feedback.getOrDefault(format, List.of()));
      fb.addAll(feedback.getOrDefault("*", List.of()));
      list.add(new Codec(pt, map[0], Integer.parseInt(map[1]), map[2] == null ? 0 : Integer.parseInt(map[2]),
          Map.copyOf(fmtps.getOrDefault(pt, Map.of())) , List.copyOf(fb)));
    }
    codecs = List.copyOf(list);
  }

  private static Matcher match(Pattern p, String value, SdpLine line, String expected) {
    Matcher x = p.matcher(value == null ? "" : value);
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

  /** {@code audio}, {@code video} or {@code application}. */
  public String kind() {
    return kind;
  }

  public int port() {
    return port;
  }

  /** e.g. {@code UDP/TLS/RTP/SAVPF}, {@code UDP/DTLS/SCTP}. */
  public String protocol() {
    return protocol;
  }

  /** The formats of the m= line, in order. */
  public List<String> formats() {
    return formats;
  }

  /** True for a section that was rejected or stopped (port 0). */
  public boolean isRejected() {
    return port == 0;
  }

  public Optional<String> mid() {
    return attribute("mid");
  }

  /** The section's direction, or the session's, or {@code sendrecv} where neither says. */
  public Direction direction() {
    return Sdp.directionIn(lines).orElse(sessionDirection);
  }


  /** The codecs in the order of the m= line, which is the order of preference. */
  public List<Codec> codecs() {
    return codecs;
  }

  /** The first codec with this name (case ignored), if offered. */
  public Optional<Codec> codec(String name) {
    return codecs.stream().filter(c -> c.is(name)).findFirst();
  }

  public List<HeaderExtension> headerExtensions() {
    return List.copyOf(extensions);
  }

  public List<Ssrc> ssrcs() {
    return ssrcs.entrySet().stream().map(e -> new Ssrc(e.getKey(), Map.copyOf(e.getValue()))).toList();
  }

  public List<SsrcGroup> ssrcGroups() {
    return List.copyOf(ssrcGroups);
  }

  public List<Rid> rids() {
    return List.copyOf(rids);
  }

  /** The {@code a=simulcast} value, e.g. {@code send q;h;f}. */
  public Optional<String> simulcast() {
    return attribute("simulcast");
  }

  public OptionalInt sctpPort() {
    return attribute("sctp-port").map(v -> OptionalInt.of(Integer.parseInt(v))).orElse(OptionalInt.empty());
  }

  public OptionalLong maxMessageSize() {
    return attribute("max-message-size").map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
  }

  public Optional<String> iceUfrag() {
    return attribute("ice-ufrag");
  }

  public Optional<String> icePwd() {
    return attribute("ice-pwd");
  }

  public List<String> iceOptions() {
    return attribute("ice-options").map(v -> List.of(v.trim().split(" "))).orElse(List.of());
  }

  public Optional<Fingerprint> fingerprint() {
    return attribute("fingerprint").map(Sdp::fingerprintOf);
  }

  /** The DTLS role: {@code actpass}, {@code active} or {@code passive}. */
  public Optional<String> setup() {
    return attribute("setup");
  }

  public List<Candidate> candidates() {
    return List.copyOf(candidates);
  }

  public boolean rtcpMux() {
    return hasFlag("rtcp-mux");
  }

  /** True if a flag attribute such as {@code a=rtcp-mux} is present. */
  public boolean hasFlag(String name) {
    return lines.stream().anyMatch(l -> l.type() == 'a' && l.value().equals(name));
  }

  /** The value of the first {@code a=name:value} line of this section. */
  public Optional<String> attribute(String name) {
    return lines.stream().filter(l -> l.isAttribute(name) && l.attributeValue() != null).map(SdpLine::attributeValue).findFirst();
  }

  /** The values of every {@code a=name:value} line of this section, in order. */
  public List<String> attributes(String name) {
    return lines.stream().filter(l -> l.isAttribute(name) && l.attributeValue() != null).map(SdpLine::attributeValue).toList();
  }

  /** Every line of the section, the m= line first, as written. */
  public List<SdpLine> lines() {
    return lines;
  }

  /** The lines whose text contains this, for quoting in failure messages. */
  public List<SdpLine> linesContaining(String text) {
    return lines.stream().filter(l -> l.text().contains(text)).toList();
  }

  @Override
  public String toString() {
    return "m=" + kind + mid().map(m -> " (mid " + m + ")").orElse("");
  }
}
