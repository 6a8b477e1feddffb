package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A DTLS certificate ({@code certificate}). */
public final class CertificateStats extends RtcStats {
  CertificateStats(JsonNode json) {
    super(json);
  }

  /**
   * {@return the certificate's fingerprint, hex bytes separated by colons, as in {@code a=fingerprint}; empty when the
   * browser does not report it}
   */
  public Optional<String> fingerprint() {
    return text("fingerprint");
  }

  /** {@return the hash function of the fingerprint, e.g. {@code sha-256}; empty when the browser does not report it} */
  public Optional<String> fingerprintAlgorithm() {
    return text("fingerprintAlgorithm");
  }

  /** {@return the DER-encoded certificate, in base64; empty when the browser does not report it} */
  public Optional<String> base64Certificate() {
    return text("base64Certificate");
  }

  /**
   * {@return the id of the issuer's {@code certificate} in a chain (a self-signed certificate, as WebRTC uses, has
   * none); empty when the browser does not report it}
   */
  public Optional<String> issuerCertificateId() {
    return text("issuerCertificateId");
  }
}
