package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A DTLS/ICE transport ({@code transport}). Chrome names the pair in use with {@code selectedCandidatePairId}. */
public final class TransportStats extends RtcStats {
  TransportStats(JsonNode json) {
    super(json);
  }

  public Optional<String> selectedCandidatePairId() {
    return text("selectedCandidatePairId");
  }

  public Optional<String> dtlsState() {
    return text("dtlsState");
  }

  public Optional<String> iceState() {
    return text("iceState");
  }

  public Optional<String> iceRole() {
    return text("iceRole");
  }

  public Optional<String> tlsVersion() {
    return text("tlsVersion");
  }

  public Optional<String> dtlsCipher() {
    return text("dtlsCipher");
  }

  public Optional<String> srtpCipher() {
    return text("srtpCipher");
  }

  public Optional<String> dtlsRole() {
    return text("dtlsRole");
  }

  public OptionalLong bytesSent() {
    return count("bytesSent");
  }

  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }

  public Optional<String> localCertificateId() {
    return text("localCertificateId");
  }

  public Optional<String> remoteCertificateId() {
    return text("remoteCertificateId");
  }

  public OptionalLong selectedCandidatePairChanges() {
    return count("selectedCandidatePairChanges");
  }
}
