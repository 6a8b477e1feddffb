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

  /** A report from the browser's stats objects, as JSON. */
  public static StatsReport of(List<JsonNode> json) {
    return new StatsReport(json.stream().map(RtcStats::of).toList(), System.nanoTime());
  }

  public List<RtcStats> all() {
    return stats;
  }

  /** When Java received this report ({@link System#nanoTime()}). */
  public long takenAtNanos() {
    return takenAtNanos;
  }

  /** The browser's clock for this report: the newest timestamp of its objects, milliseconds. */
  public double timestamp() {
    return stats.stream().mapToDouble(RtcStats::timestamp).max().orElse(0);
  }

  public <T extends RtcStats> List<T> ofType(Class<T> type) {
    return stats.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public Optional<RtcStats> byId(String id) {
    return stats.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  public List<InboundRtpStats> inboundRtp() {
    return ofType(InboundRtpStats.class);
  }

  /** The RTP streams of this type and kind ({@code audio} or {@code video}). */
  public <T extends RtpStreamStats> List<T> streams(Class<T> type, String kind) {
    return ofType(type).stream().filter(s -> s.kind().filter(kind::equals).isPresent()).toList();
  }

  /** Inbound RTP streams of one kind, {@code audio} or {@code video}. */
  public List<InboundRtpStats> inboundRtp(String kind) {
    return streams(InboundRtpStats.class, kind);
  }

  public List<OutboundRtpStats> outboundRtp(String kind) {
    return streams(OutboundRtpStats.class, kind);
  }

  public List<RemoteInboundRtpStats> remoteInboundRtp(String kind) {
    return streams(RemoteInboundRtpStats.class, kind);
  }

  public List<CandidatePairStats> candidatePairs() {
    return ofType(CandidatePairStats.class);
  }

  public List<IceCandidateStats> localCandidates() {
    return ofType(IceCandidateStats.class).stream().filter(c -> !c.isRemote()).toList();
  }

  public List<IceCandidateStats> remoteCandidates() {
    return ofType(IceCandidateStats.class).stream().filter(IceCandidateStats::isRemote).toList();
  }

  public List<TransportStats> transports() {
    return ofType(TransportStats.class);
  }

  public List<CodecStats> codecs() {
    return ofType(CodecStats.class);
  }

  /** The codec an RTP stream uses, through its {@code codecId}. */
  public Optional<CodecStats> codecOf(InboundRtpStats stream) {
    return stream.codecId().flatMap(this::byId).filter(CodecStats.class::isInstance).map(CodecStats.class::cast);
  }

  public List<DataChannelStats> dataChannels() {
    return ofType(DataChannelStats.class);
  }

  /** Bytes received over all inbound RTP streams of this kind. */
  public long inboundBytes(String kind) {
    return inboundRtp(kind).stream().mapToLong(s -> s.bytesReceived().orElse(0)).sum();
  }

  /** Bytes sent over all outbound RTP streams of this kind. */
  public long outboundBytes(String kind) {
    return outboundRtp(kind).stream().mapToLong(s -> s.bytesSent().orElse(0)).sum();
  }

  /**
   * The candidate pair in use. Chrome names it from the transport ({@code selectedCandidatePairId});
   * Firefox marks the pair itself ({@code selected: true}); otherwise the nominated, succeeded pair.
   */
  public Optional<CandidatePairStats> selectedCandidatePair() {
    for (TransportStats transport : transports()) {
      Optional<String> id = transport.selectedCandidatePairId().filter(s -> !s.isEmpty());
      if (id.isPresent()) {
        return id.flatMap(this::byId).filter(CandidatePairStats.class::isInstance).map(CandidatePairStats.class::cast);
      }
    }
    return candidatePairs().stream().filter(p -> p.selected().orElse(false)).findFirst()
        .or(() -> candidatePairs().stream()
            .filter(p -> p.nominated().orElse(false) && p.state().filter("succeeded"::equals).isPresent()).findFirst());
  }

  /** The selected pair with both of its candidates. */
  public Optional<SelectedPair> selectedPair() {
    return selectedCandidatePair().flatMap(pair -> candidate(pair.localCandidateId())
        .flatMap(local -> candidate(pair.remoteCandidateId()).map(remote -> new SelectedPair(pair, local, remote))));
  }

  private Optional<IceCandidateStats> candidate(Optional<String> id) {
    return id.flatMap(this::byId).filter(IceCandidateStats.class::isInstance).map(IceCandidateStats.class::cast);
  }

  /** The raw JSON of every object, as the browser reported it. */
  public List<JsonNode> json() {
    return stats.stream().map(RtcStats::json).toList();
  }

  @Override
  public String toString() {
    return json().toString();
  }
}
