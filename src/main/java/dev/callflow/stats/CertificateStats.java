package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A DTLS certificate ({@code certificate}). */
public final class CertificateStats extends RtcStats {
  CertificateStats(JsonNode json) {
    super(json);
  }

  public Optional<String> fingerprint() {
    return text("fingerprint");
  }

  public Optional<String> fingerprintAlgorithm() {
    return text("fingerprintAlgorithm");
  }

  public Optional<String> base64Certificate() {
    return text("base64Certificate");
  }

  public Optional<String> issuerCertificateId() {
    return text("issuerCertificateId");
  }
}
