package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One getStats() result as typed objects, with the lookups that differ between Chrome and Firefox
 * done once here (for example which candidate pair is in use).
 *
 * <pre>{@code
 * StatsReport stats = call.callee().getStats();
 * stats.inboundRtp("video").get(0).framesDecoded();      // OptionalLong
 * stats.selectedPair().map(SelectedPair::localCandidate); // the candidate in use
 * }</pre>
 */
public final class StatsReport {
  private final List<RtcStats> stats;
  private final long takenAtNanos;

  private StatsReport(List<RtcStats> stats, long takenAtNanos) {
    this.stats = stats;
    this.takenAtNanos = takenAtNanos;
  }

  /**
   * {@return a report of these stats objects, taken now}
   *
   * @param json the objects of one getStats() result, as the browser reported them
   */
  public static StatsReport of(List<JsonNode> json) {
    return new StatsReport(json.stream().map(RtcStats::of).toList(), System.nanoTime());
  }

  /** {@return every object of the report, typed, in the browser's order} */
  public List<RtcStats> all() {
    return stats;
  }

  /** {@return when Java received this report, as {@link System#nanoTime()}} */
  public long takenAtNanos() {
    return takenAtNanos;
  }

  /**
   * {@return the browser's clock for this report: the newest timestamp of its objects, in milliseconds since
   * the Unix epoch; 0 for an empty report}
   */
  public double timestamp() {
    return stats.stream().mapToDouble(RtcStats::timestamp).max().orElse(0);
  }

  /**
   * {@return the objects of this class, in the browser's order}
   *
   * @param <T> the stats class
   * @param type the stats class, e.g. {@code CodecStats.class}; {@code RtcStats.class} gives every object
   */
  public <T extends RtcStats> List<T> ofType(Class<T> type) {
    return stats.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /**
   * {@return the object with this id; empty when the report has none}
   *
   * @param id an id, e.g. an inbound-rtp's {@code codecId}
   */
  public Optional<RtcStats> byId(String id) {
    return stats.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** {@return every inbound RTP stream, audio and video} */
  public List<InboundRtpStats> inboundRtp() {
    return ofType(InboundRtpStats.class);
  }

  /**
   * {@return the RTP streams of this type and kind; empty when there are none}
   *
   * @param <T> the stream class
   * @param type the stream class, e.g. {@code OutboundRtpStats.class}
   * @param kind {@code audio} or {@code video}
   */
  public <T extends RtpStreamStats> List<T> streams(Class<T> type, String kind) {
    return ofType(type).stream().filter(s -> s.kind().filter(kind::equals).isPresent()).toList();
  }

  /**
   * {@return the inbound RTP streams of one kind; empty when there are none}
   *
   * @param kind {@code audio} or {@code video}
   */
  public List<InboundRtpStats> inboundRtp(String kind) {
    return streams(InboundRtpStats.class, kind);
  }

  /**
   * {@return the outbound RTP streams of one kind, one per simulcast encoding; empty when there are none}
   *
   * @param kind {@code audio} or {@code video}
   */
  public List<OutboundRtpStats> outboundRtp(String kind) {
    return streams(OutboundRtpStats.class, kind);
  }

  /**
   * {@return the other side's reports on the streams of one kind this side sends; empty before the first RTCP report}
   *
   * @param kind {@code audio} or {@code video}
   */
  public List<RemoteInboundRtpStats> remoteInboundRtp(String kind) {
    return streams(RemoteInboundRtpStats.class, kind);
  }

  /** {@return every candidate pair, in use or not} */
  public List<CandidatePairStats> candidatePairs() {
    return ofType(CandidatePairStats.class);
  }

  /** {@return this side's ICE candidates} */
  public List<IceCandidateStats> localCandidates() {
    return ofType(IceCandidateStats.class).stream().filter(c -> !c.isRemote()).toList();
  }

  /** {@return the other side's ICE candidates, as this side knows them} */
  public List<IceCandidateStats> remoteCandidates() {
    return ofType(IceCandidateStats.class).stream().filter(IceCandidateStats::isRemote).toList();
  }

  /** {@return the DTLS/ICE transports; one when the connection bundles everything} */
  public List<TransportStats> transports() {
    return ofType(TransportStats.class);
  }

  /** {@return the codecs in use, sending and receiving} */
  public List<CodecStats> codecs() {
    return ofType(CodecStats.class);
  }

  /**
   * {@return the codec an RTP stream uses, through its {@code codecId}; empty when the stream names none in this
   * report}
   *
   * @param stream an inbound stream of this report
   */
  public Optional<CodecStats> codecOf(InboundRtpStats stream) {
    return stream.codecId().flatMap(this::byId).filter(CodecStats.class::isInstance).map(CodecStats.class::cast);
  }

  /** {@return the data channels, open or not} */
  public List<DataChannelStats> dataChannels() {
    return ofType(DataChannelStats.class);
  }

  /**
   * {@return the payload bytes received over all inbound RTP streams of this kind; 0 without any}
   *
   * @param kind {@code audio} or {@code video}
   */
  public long inboundBytes(String kind) {
    return inboundRtp(kind).stream().mapToLong(s -> s.bytesReceived().orElse(0)).sum();
  }

  /**
   * {@return the payload bytes sent over all outbound RTP streams of this kind; 0 without any}
   *
   * @param kind {@code audio} or {@code video}
   */
  public long outboundBytes(String kind) {
    return outboundRtp(kind).stream().mapToLong(s -> s.bytesSent().orElse(0)).sum();
  }

  /**
   * The candidate pair in use. Chrome names it from the transport ({@code selectedCandidatePairId});
   * Firefox marks the pair itself ({@code selected: true}), and a report where it marks none has none in use
   * yet; a browser that does neither, the only nominated, succeeded pair. Never a guess: both browsers keep
   * several nominated, succeeded pairs, of which only one carries the media.
   *
   * @return the pair in use; empty before ICE has chosen one, or when the report does not say which it is
   */
  public Optional<CandidatePairStats> selectedCandidatePair() {
    for (TransportStats transport : transports()) {
      Optional<String> id = transport.selectedCandidatePairId().filter(s -> !s.isEmpty());
      if (id.isPresent()) {
        return id.flatMap(this::byId).filter(CandidatePairStats.class::isInstance).map(CandidatePairStats.class::cast);
      }
    }
    List<CandidatePairStats> pairs = candidatePairs();
    if (pairs.stream().anyMatch(p -> p.selected().isPresent())) {
      return pairs.stream().filter(p -> p.selected().orElse(false)).findFirst();
    }
    List<CandidatePairStats> nominated = pairs.stream()
        .filter(p -> p.nominated().orElse(false) && p.state().filter("succeeded"::equals).isPresent()).limit(2).toList();
    return nominated.size() == 1 ? Optional.of(nominated.get(0)) : Optional.empty();
  }

  /** {@return the pair in use with both of its candidates; empty before ICE has chosen one} */
  public Optional<SelectedPair> selectedPair() {
    return selectedCandidatePair().flatMap(pair -> candidate(pair.localCandidateId())
        .flatMap(local -> candidate(pair.remoteCandidateId()).map(remote -> new SelectedPair(pair, local, remote))));
  }

  private Optional<IceCandidateStats> candidate(Optional<String> id) {
    return id.flatMap(this::byId).filter(IceCandidateStats.class::isInstance).map(IceCandidateStats.class::cast);
  }

  /** {@return the raw JSON of every object, as the browser reported it} */
  public List<JsonNode> json() {
    return stats.stream().map(RtcStats::json).toList();
  }

  @Override
  public String toString() {
    return json().toString();
  }
}
