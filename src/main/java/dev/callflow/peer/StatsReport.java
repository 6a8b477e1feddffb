package dev.callflow.peer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One getStats() result: every stats object as the browser reported it, with the lookups that
 * differ between Chrome and Firefox done once here.
 */
public final class StatsReport {
  private final List<JsonNode> stats;

  StatsReport(List<JsonNode> stats) {
    this.stats = List.copyOf(stats);
  }

  public List<JsonNode> all() {
    return stats;
  }

  /** The stats objects of one type, e.g. {@code inbound-rtp}. */
  public List<JsonNode> ofType(String type) {
    return stats.stream().filter(s -> type.equals(s.path("type").asText())).toList();
  }

  public Optional<JsonNode> byId(String id) {
    return stats.stream().filter(s -> id.equals(s.path("id").asText())).findFirst();
  }

  /** Bytes received over all inbound RTP streams of this kind ({@code audio} or {@code video}). */
  public long inboundBytes(String kind) {
    return ofType("inbound-rtp").stream().filter(s -> kind.equals(s.path("kind").asText()))
        .mapToLong(s -> s.path("bytesReceived").asLong()).sum();
  }

  /**
   * The candidate pair in use. Chrome names it from the transport ({@code selectedCandidatePairId});
   * Firefox marks the pair itself ({@code selected: true}).
   */
  public Optional<JsonNode> selectedCandidatePair() {
    for (JsonNode transport : ofType("transport")) {
      String id = transport.path("selectedCandidatePairId").asText("");
      if (!id.isEmpty()) {
        return byId(id);
      }
    }
    return ofType("candidate-pair").stream().filter(p -> p.path("selected").asBoolean(false)).findFirst()
        .or(() -> ofType("candidate-pair").stream()
            .filter(p -> p.path("nominated").asBoolean(false) && "succeeded".equals(p.path("state").asText())).findFirst());
  }

  /** The local and remote candidate of the selected pair. */
  public Optional<CandidatePair> selectedPair() {
    return selectedCandidatePair().flatMap(pair -> byId(pair.path("localCandidateId").asText())
        .flatMap(local -> byId(pair.path("remoteCandidateId").asText()).map(remote -> new CandidatePair(local, remote))));
  }

  /** The two ends of a candidate pair, as their stats objects. */
  public record CandidatePair(JsonNode local, JsonNode remote) {
    private static String address(JsonNode candidate) {
      return candidate.hasNonNull("address") ? candidate.path("address").asText() : candidate.path("ip").asText();
    }

    public String localAddress() {
      return address(local);
    }

    public String remoteAddress() {
      return address(remote);
    }

    public String localType() {
      return local.path("candidateType").asText();
    }

    public String remoteType() {
      return remote.path("candidateType").asText();
    }

    public String protocol() {
      return local.path("protocol").asText();
    }

    /** Identifies this pair within a connection: the stats ids of both candidates. */
    public String id() {
      return local.path("id").asText() + "/" + remote.path("id").asText();
    }

    @Override
    public String toString() {
      return localType() + " " + localAddress() + ":" + local.path("port").asText() + " <-> " + remoteType() + " "
          + remoteAddress() + ":" + remote.path("port").asText() + " (" + protocol() + ")";
    }
  }

  @Override
  public String toString() {
    return stats.toString();
  }
}
