package dev.callflow.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An offer or answer, parsed into an immutable model: session-level lines and typed media sections.
 * Every line is kept as written, unknown ones included, so {@link #write()} gives the text back.
 *
 * <pre>{@code
 * Sdp offer = Sdp.parse(call.caller().localDescription().orElseThrow().sdp());
 * offer.media("video").get(0).codecs();   // [VP8/90000 (pt 96), ...]
 * }</pre>
 */
public final class Sdp {
  private final List<SdpLine> sessionLines;
  private final List<MediaSection> media;

  private Sdp(List<SdpLine> sessionLines, List<MediaSection> media) {
    this.sessionLines = List.copyOf(sessionLines);
    this.media = List.copyOf(media);
  }

  /**
   * Parses SDP text (CRLF or LF line ends). Whatever the model reads is checked here, numbers included
   * (ASCII digits within their field's range, e.g. ports 0–65535, payload types 0–127), so that the
   * accessors never fail later.
   *
   * @param text the SDP, e.g. a description's {@code sdp}
   * @return the parsed SDP
   * @throws SdpParseException naming the line number and quoting the line; the only exception for any text
   */
  public static Sdp parse(String text) {
    if (text == null || text.isBlank()) {
      throw new SdpParseException(0, null, "the SDP is empty");
    }
    String[] raw = text.split("\r?\n", -1);
    List<SdpLine> session = new ArrayList<>();
    List<List<SdpLine>> sections = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      String line = raw[i];
      if (line.isEmpty()) {
        if (i == raw.length - 1) {
          break; // the text's final line end
        }
        throw new SdpParseException(i + 1, line, "empty line inside the SDP");
      }
      // RFC 8866 text holds neither; a CR alone is most likely a CR-only line end.
      if (line.indexOf('\r') >= 0) {
        throw new SdpParseException(i + 1, line, "a CR not followed by LF (lines end with CRLF or LF)");
      }
      if (line.indexOf('\0') >= 0) {
        throw new SdpParseException(i + 1, line, "a NUL character inside a line");
      }
      if (line.length() < 2 || line.charAt(1) != '=' || line.charAt(0) < 'a' || line.charAt(0) > 'z') {
        throw new SdpParseException(i + 1, line, "a line is '<letter>=<value>'");
      }
      SdpLine parsed = new SdpLine(i + 1, line.charAt(0), line.substring(2));
      if (i == 0 && !line.equals("v=0")) {
        throw new SdpParseException(1, line, "an SDP starts with 'v=0'");
      }
      if (parsed.type() == 'm') {
        sections.add(new ArrayList<>());
      }
      (sections.isEmpty() ? session : sections.get(sections.size() - 1)).add(parsed);
    }
    for (SdpLine l : session) {
      if (l.isAttribute("group") && isBlank(l.attributeValue())) {
        throw new SdpParseException(l.number(), l.text(), "a=group is '<semantics> <mid> ...'");
      }
      checkAnyLevel(l);
    }
    Direction sessionDirection = directionOf(session);
    List<MediaSection> media = new ArrayList<>();
    for (List<SdpLine> lines : sections) {
      MediaSection section = new MediaSection(lines, sessionDirection);
      lines.forEach(Sdp::checkAnyLevel);
      media.add(section);
    }
    return new Sdp(session, media);
  }

  /** Checks the attributes that the model or {@link SdpNormalizer} read wherever they are written. */
  private static void checkAnyLevel(SdpLine line) {
    if (line.isAttribute("fingerprint")) {
      fingerprintAt(line);
    }
    if (line.isAttribute("msid-semantic") && isBlank(line.attributeValue())) {
      throw new SdpParseException(line.number(), line.text(), "a=msid-semantic is '<semantics> [<stream id> ...]'");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /** The direction the first direction attribute among these lines gives, if any. */
  static Optional<Direction> directionIn(List<SdpLine> lines) {
    return lines.stream().filter(SdpLine::isDirection).findFirst().map(l -> Direction.fromWebName(l.value()));
  }

  private static Direction directionOf(List<SdpLine> lines) {
    return directionIn(lines).orElse(Direction.SENDRECV);
  }

  private static Fingerprint fingerprintAt(SdpLine line) {
    String v = line.attributeValue();
    if (v == null || !v.matches("\\S+ [0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})*")) {
      throw new SdpParseException(line.number(), line.text(), "a=fingerprint is '<hash function> <hex bytes separated by colons>'");
    }
    return fingerprintOf(v);
  }

  static Fingerprint fingerprintOf(String value) {
    int space = value.indexOf(' ');
    return new Fingerprint(value.substring(0, space).toLowerCase(java.util.Locale.ROOT), value.substring(space + 1));
  }

  /** {@return the SDP text: every line as parsed, CRLF-terminated} */
  public String write() {
    StringBuilder out = new StringBuilder();
    for (SdpLine l : lines()) {
      out.append(l.text()).append("\r\n");
    }
    return out.toString();
  }

  /** {@return all lines, session then media, in order} */
  public List<SdpLine> lines() {
    List<SdpLine> all = new ArrayList<>(sessionLines);
    media.forEach(m -> all.addAll(m.lines()));
    return all;
  }

  /** {@return the session-level lines, those before the first m= line} */
  public List<SdpLine> sessionLines() {
    return sessionLines;
  }

  /** {@return the {@code o=} line's value; empty when there is none} */
  public Optional<String> origin() {
    return sessionLines.stream().filter(l -> l.type() == 'o').map(SdpLine::value).findFirst();
  }

  /** {@return the {@code s=} line's value, often {@code -}; empty when there is none} */
  public Optional<String> sessionName() {
    return sessionLines.stream().filter(l -> l.type() == 's').map(SdpLine::value).findFirst();
  }

  /**
   * {@return the value of the first session-level {@code a=name:value} line; empty when there is none}
   *
   * @param name the attribute's name without {@code a=}, e.g. {@code group}
   */
  public Optional<String> attribute(String name) {
    return sessionLines.stream().filter(l -> l.isAttribute(name) && l.attributeValue() != null).map(SdpLine::attributeValue).findFirst();
  }

  /** {@return the session-level direction ({@code sendrecv} where none is written)} */
  public Direction direction() {
    return directionOf(sessionLines);
  }

  /** {@return the {@code a=group} lines, e.g. BUNDLE, in order} */
  public List<Group> groups() {
    return sessionLines.stream().filter(l -> l.isAttribute("group")).map(l -> {
      String[] parts = l.attributeValue().trim().split(" ");
      return new Group(parts[0], List.of(parts).subList(1, parts.length));
    }).toList();
  }

  /** {@return the BUNDLE group; empty when the SDP bundles nothing} */
  public Optional<Group> bundle() {
    return groups().stream().filter(g -> g.semantics().equals("BUNDLE")).findFirst();
  }

  /** {@return the ICE ufrag at session level, else of the first media section with one; empty if none has} */
  public Optional<String> iceUfrag() {
    return attribute("ice-ufrag").or(() -> media.stream().flatMap(m -> m.iceUfrag().stream()).findFirst());
  }

  /** {@return the ICE password at session level, else of the first media section with one; empty if none has} */
  public Optional<String> icePwd() {
    return attribute("ice-pwd").or(() -> media.stream().flatMap(m -> m.icePwd().stream()).findFirst());
  }

  /** {@return the {@code a=ice-options} at session level, else of the first media section; empty when neither has} */
  public List<String> iceOptions() {
    return attribute("ice-options").map(v -> List.of(v.trim().split(" ")))
        .orElseGet(() -> media.isEmpty() ? List.of() : media.get(0).iceOptions());
  }

  /** {@return the DTLS fingerprint at session level, else of the first media section with one; empty if none has} */
  public Optional<Fingerprint> fingerprint() {
    return attribute("fingerprint").map(Sdp::fingerprintOf).or(() -> media.stream().flatMap(m -> m.fingerprint().stream()).findFirst());
  }

  /**
   * {@return the DTLS role ({@code actpass}, {@code active} or {@code passive}) at session level, else of the
   * first media section with one; empty if none has}
   */
  public Optional<String> setup() {
    return attribute("setup").or(() -> media.stream().flatMap(m -> m.setup().stream()).findFirst());
  }

  /** {@return the media sections, in the order of their m= lines} */
  public List<MediaSection> media() {
    return media;
  }

  /**
   * {@return the media sections of one kind, in order; empty when there are none}
   *
   * @param kind {@code audio}, {@code video} or {@code application}
   */
  public List<MediaSection> media(String kind) {
    return media.stream().filter(m -> m.kind().equals(kind)).toList();
  }

  /**
   * {@return the media section with this {@code a=mid}; empty when there is none}
   *
   * @param mid the mid, e.g. {@code 0}
   */
  public Optional<MediaSection> mediaWithMid(String mid) {
    return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
  }

  /** {@return every {@code a=candidate} of every media section, in order} */
  public List<Candidate> candidates() {
    return media.stream().flatMap(m -> m.candidates().stream()).toList();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sdp s && s.write().equals(write());
  }

  @Override
  public int hashCode() {
    return write().hashCode();
  }

  @Override
  public String toString() {
    return write();
  }
}
