package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A local or remote ICE candidate ({@code local-candidate}, {@code remote-candidate}). */
public final class IceCandidateStats extends RtcStats {
  IceCandidateStats(JsonNode json) {
    super(json);
  }

  /** {@return the candidate's transport: {@code udp} or {@code tcp}; empty when the browser does not report it} */
  public Optional<String> protocol() {
    return text("protocol");
  }

  /**
   * {@return the candidate's type: {@code host}, {@code srflx}, {@code prflx} or {@code relay}; empty when the browser
   * does not report it}
   */
  public Optional<String> candidateType() {
    return text("candidateType");
  }

  /** {@return the candidate's port; empty when the browser does not report it} */
  public OptionalLong port() {
    return count("port");
  }

  /** {@return the candidate's priority; empty when the browser does not report it} */
  public OptionalLong priority() {
    return count("priority");
  }

  /**
   * {@return the STUN or TURN server a local {@code srflx} or {@code relay} candidate came from; empty when the browser
   * does not report it}
   */
  public Optional<String> url() {
    return text("url");
  }

  /**
   * {@return for a local {@code relay} candidate, the protocol to the TURN server: {@code udp}, {@code tcp} or
   * {@code tls}; empty when the browser does not report it}
   */
  public Optional<String> relayProtocol() {
    return text("relayProtocol");
  }

  /** {@return the ICE username fragment the candidate belongs to; empty when the browser does not report it} */
  public Optional<String> usernameFragment() {
    return text("usernameFragment");
  }

  /**
   * {@return for a TCP candidate, {@code active}, {@code passive} or {@code so}; empty when the browser does not report
   * it}
   */
  public Optional<String> tcpType() {
    return text("tcpType");
  }

  /** {@return the candidate's foundation; empty when the browser does not report it} */
  public Optional<String> foundation() {
    return text("foundation");
  }

  /** {@return the id of the {@code transport} the candidate belongs to; empty when the browser does not report it} */
  public Optional<String> transportId() {
    return text("transportId");
  }

  /**
   * {@return the candidate's IP address or host name; empty when the browser does not report it}
   * Firefox and older Chrome report it as {@code ip}, read here too. Chrome hides peer-reflexive addresses (empty).
   */
  public Optional<String> address() {
    return text("address").or(() -> text("ip"));
  }

  /** {@return whether this is the other side's candidate ({@code remote-candidate})} */
  public boolean isRemote() {
    return type().equals("remote-candidate");
  }

  /** {@return whether the address is 127.0.0.0/8 or {@code ::1}; false when it is not reported} */
  public boolean isLoopback() {
    return address().map(a -> a.startsWith("127.") || a.equals("::1")).orElse(false);
  }

  @Override
  public String toString() {
    return candidateType().orElse("?") + " " + address().orElse("?") + ":" + port().orElse(0) + " " + protocol().orElse("");
  }
}
