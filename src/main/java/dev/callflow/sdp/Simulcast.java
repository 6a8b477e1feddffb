package dev.callflow.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code a=simulcast} attribute of a media section (RFC 8853), parsed: the streams it sends and receives, each a
 * list of alternative rids, a rid with {@code ~} paused.
 *
 * <pre>{@code
 * Simulcast s = Simulcast.of(offer.media("video").get(0)).orElseThrow();
 * s.sendRids();  // [q, h, f] for a=simulcast:send q;h;f
 * }</pre>
 *
 * @param send the streams sent, in order; each holds its alternatives, the preferred first; empty if none
 * @param recv the streams received, in the same form
 */
public record Simulcast(List<List<Layer>> send, List<List<Layer>> recv) {
  private static final Pattern RID_ID = Pattern.compile("[A-Za-z0-9_-]+");

  /**
   * One rid in an {@code a=simulcast} stream.
   *
   * @param rid the rid, as in an {@code a=rid} line of the same section
   * @param paused whether it was written with {@code ~}: offered, but not sent (or received) for now
   */
  public record Layer(String rid, boolean paused) {
    @Override
    public String toString() {
      return (paused ? "~" : "") + rid;
    }
  }

  /**
   * Keeps unmodifiable copies.
   *
   * @param send the streams sent
   * @param recv the streams received
   */
  public Simulcast {
    send = send.stream().map(List::copyOf).toList();
    recv = recv.stream().map(List::copyOf).toList();
  }

  /**
   * {@return the section's {@code a=simulcast}, parsed; empty if it has none}
   *
   * @param media a media section
   * @throws SdpParseException if the attribute is not as RFC 8853 writes it, naming its line
   */
  public static Optional<Simulcast> of(MediaSection media) {
    for (SdpLine line : media.lines()) {
      if (line.type() == 'a' && line.value().startsWith("simulcast:")) {
        String value = line.value().substring("simulcast:".length());
        try {
          return Optional.of(parse(value));
        } catch (IllegalArgumentException e) {
          throw new SdpParseException(line.number(), line.text(), e.getMessage());
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@return the value of an {@code a=simulcast} attribute, parsed}
   *
   * @param value what follows {@code a=simulcast:}, e.g. {@code send q;h;~f recv r0,r1}
   * @throws IllegalArgumentException if it is not {@code send|recv <streams>}, once or twice (once each), with rids of
   *     letters, digits, {@code -} and {@code _}
   */
  public static Simulcast parse(String value) {
    String[] words = value.trim().split(" +");
    if (value.isBlank() || (words.length != 2 && words.length != 4)) {
      throw new IllegalArgumentException("a=simulcast is 'send|recv <streams>' once or twice (RFC 8853), not '" + value + "'");
    }
    List<List<Layer>> send = null;
    List<List<Layer>> recv = null;
    for (int i = 0; i < words.length; i += 2) {
      List<List<Layer>> streams = streams(words[i + 1], value);
      switch (words[i]) {
        case "send" -> {
          if (send != null) {
            throw new IllegalArgumentException("a=simulcast names 'send' twice: '" + value + "'");
          }
          send = streams;
        }
        case "recv" -> {
          if (recv != null) {
            throw new IllegalArgumentException("a=simulcast names 'recv' twice: '" + value + "'");
          }
          recv = streams;
        }
        default -> throw new IllegalArgumentException("a=simulcast direction is 'send' or 'recv', not '" + words[i] + "'");
      }
    }
    return new Simulcast(send == null ? List.of() : send, recv == null ? List.of() : recv);
  }

  private static List<List<Layer>> streams(String list, String value) {
    List<List<Layer>> streams = new ArrayList<>();
    for (String stream : list.split(";", -1)) {
      List<Layer> alternatives = new ArrayList<>();
      for (String alternative : stream.split(",", -1)) {
        boolean paused = alternative.startsWith("~");
        String rid = paused ? alternative.substring(1) : alternative;
        if (!RID_ID.matcher(rid).matches()) {
          throw new IllegalArgumentException("a=simulcast has a stream '" + stream + "' whose rid '" + alternative
              + "' is not letters, digits, '-' or '_' with an optional '~' before: '" + value + "'");
        }
        alternatives.add(new Layer(rid, paused));
      }
      streams.add(alternatives);
    }
    return streams;
  }

  /** {@return the preferred rid of each stream sent, in order, paused ones too} */
  public List<String> sendRids() {
    return send.stream().map(s -> s.get(0).rid()).toList();
  }

  /** {@return the preferred rid of each stream received, in order, paused ones too} */
  public List<String> recvRids() {
    return recv.stream().map(s -> s.get(0).rid()).toList();
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (!send.isEmpty()) {
      out.append("send ").append(text(send));
    }
    if (!recv.isEmpty()) {
      out.append(out.isEmpty() ? "" : " ").append("recv ").append(text(recv));
    }
    return out.toString();
  }

  private static String text(List<List<Layer>> streams) {
    return String.join(";", streams.stream().map(s -> String.join(",", s.stream().map(Layer::toString).toList())).toList());
  }
}
