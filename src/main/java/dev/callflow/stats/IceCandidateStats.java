package dev.callflow.stats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.OptionalLong;

/** A local or remote ICE candidate ({@code local-candidate}, {@code remote-candidate}). */
public final class IceCandidateStats extends RtcStats {
  IceCandidateStats(JsonNode json) {
    super(json);
  }

  public Optional<String> protocol() {
    return text("protocol");
  }

  public Optional<String> candidateType() {
    return text("candidateType");
  }

  public OptionalLong port() {
    return count("port");
  }

  public OptionalLong priority() {
    return count("priority");
  }

  public Optional<String> url() {
    return text("url");
  }

  public Optional<String> relayProtocol() {
    return text("relayProtocol");
  }

  public Optional<String> usernameFragment() {
    return text("usernameFragment");
  }

  public Optional<String> tcpType() {
    return text("tcpType");
  }

  public Optional<String> foundation() {
    return text("foundation");
  }

  public Optional<String> transportId() {
    return text("transportId");
  }

  /** The address; Firefox and older Chrome report it as {@code ip}. Chrome hides peer-reflexive addresses (empty). */
  public Optional<String> address() {
    return text("address").or(() -> text("ip"));
  }

  public boolean isRemote() {
    return type().equals("remote-candidate");
  }

  /** True when the address is 127.0.0.0/8 or ::1. */
  public boolean isLoopback() {
    return address().map(a -> a.startsWith("127.") || a.equals("::1")).orElse(false);
  }

  @Override
  public String toString() {
    return candidateType().orElse("?") + " " + address().orElse("?") + ":" + port().orElse(0) + " " + protocol().orElse("");
  }
}
