package dev.callflow.stats;

/**
 * The candidate pair a connection uses, with both candidates.
 *
 * @param pair the candidate-pair stats
 * @param localCandidate this side's candidate
 * @param remoteCandidate the other side's candidate
 */
public record SelectedPair(CandidatePairStats pair, IceCandidateStats localCandidate, IceCandidateStats remoteCandidate) {
  /** {@return the pair's identity within its connection: the ids of both candidates, {@code local/remote}} */
  public String id() {
    return localCandidate.id() + "/" + remoteCandidate.id();
  }

  /** {@code host 127.0.0.1:5000 udp <-> host 127.0.0.1:5002 udp}. */
  @Override
  public String toString() {
    return localCandidate + " <-> " + remoteCandidate;
  }
}
