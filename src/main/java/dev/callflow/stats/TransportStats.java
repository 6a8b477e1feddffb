package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A DTLS/ICE transport ({@code transport}). Chrome names the pair in use with {@code selectedCandidatePairId}. */
public final class TransportStats extends RtcStats {
  TransportStats(JsonNode json) {
    super(json);
  }

  /**
   * {@return the id of the {@code candidate-pair} in use (Chrome; Firefox marks the pair itself); empty when the
   * browser does not report it}
   */
  public Optional<String> selectedCandidatePairId() {
    return text("selectedCandidatePairId");
  }

  /**
   * {@return the DTLS state: {@code new}, {@code connecting}, {@code connected}, {@code closed} or {@code failed};
   * empty when the browser does not report it}
   */
  public Optional<String> dtlsState() {
    return text("dtlsState");
  }

  /** {@return the ICE transport's state, e.g. {@code connected}; empty when the browser does not report it} */
  public Optional<String> iceState() {
    return text("iceState");
  }

  /**
   * {@return the ICE role: {@code controlling}, {@code controlled} or {@code unknown}; empty when the browser does not
   * report it}
   */
  public Optional<String> iceRole() {
    return text("iceRole");
  }

  /** {@return the DTLS version, as hex, e.g. {@code FEFD} for DTLS 1.2; empty when the browser does not report it} */
  public Optional<String> tlsVersion() {
    return text("tlsVersion");
  }

  /**
   * {@return the DTLS cipher suite's IANA name, e.g. {@code TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}; empty when the
   * browser does not report it}
   */
  public Optional<String> dtlsCipher() {
    return text("dtlsCipher");
  }

  /**
   * {@return the SRTP protection profile, e.g. {@code AES_CM_128_HMAC_SHA1_80}; empty when the browser does not report
   * it}
   */
  public Optional<String> srtpCipher() {
    return text("srtpCipher");
  }

  /**
   * {@return the DTLS role: {@code client}, {@code server} or {@code unknown}; empty when the browser does not report
   * it}
   */
  public Optional<String> dtlsRole() {
    return text("dtlsRole");
  }

  /**
   * {@return payload bytes sent on this transport, without headers, padding or ICE checks; empty when the browser does
   * not report it}
   */
  public OptionalLong bytesSent() {
    return count("bytesSent");
  }

  /**
   * {@return payload bytes received on this transport, without headers, padding or ICE checks; empty when the browser
   * does not report it}
   */
  public OptionalLong bytesReceived() {
    return count("bytesReceived");
  }

  /** {@return the id of this side's {@code certificate}; empty when the browser does not report it} */
  public Optional<String> localCertificateId() {
    return text("localCertificateId");
  }

  /** {@return the id of the other side's {@code certificate}; empty when the browser does not report it} */
  public Optional<String> remoteCertificateId() {
    return text("remoteCertificateId");
  }

  /** {@return how many times the pair in use changed; empty when the browser does not report it} */
  public OptionalLong selectedCandidatePairChanges() {
    return count("selectedCandidatePairChanges");
  }
}
