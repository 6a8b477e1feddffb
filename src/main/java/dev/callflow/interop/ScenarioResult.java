package dev.callflow.interop;

import dev.callflow.browser.BrowserType;
import dev.callflow.peer.PeerEvent;
import dev.callflow.stats.StatsSeries;
import java.util.List;
import java.util.Map;

/**
 * What one scenario did for one browser pair: the outcome and the evidence behind it.
 *
 * @param scenario the scenario id
 * @param description the scenario in words
 * @param caller the caller's browser
 * @param callee the callee's browser
 * @param passed whether the scenario passed
 * @param message the failure, or empty
 * @param startNanos when the flow started, by {@link System#nanoTime()} (the clock of {@link PeerEvent#receivedNanos()})
 * @param endNanos when the flow returned or failed, by the same clock: for a failed wait, when the wait gave up
 * @param connectedMs from the scenario's start to both sides first 'connected', or -1 if they never were
 * @param codecs the codecs media flowed with, e.g. {@code audio/opus}, as the callee and caller saw them
 * @param candidateTypes the selected pair as {@code local/remote protocol}, e.g. {@code host/host udp}
 * @param offer the last offer (caller's local description), or empty
 * @param answer the last answer (callee's local description), or empty
 * @param baselineChanges how the negotiation differs from the baseline; empty without one or if equal
 * @param events both peers' events, merged
 * @param callerStats the caller's stats sampled after the flow
 * @param calleeStats the callee's stats sampled after the flow
 * @param console each peer's console lines, by peer name
 * @param screenshots each peer's screenshot (PNG), by peer name
 * @param codecCells the codec matrix's cells of this pair (the {@code codecs} scenario); empty for other scenarios
 */
public record ScenarioResult(String scenario, String description, BrowserType caller, BrowserType callee, boolean passed,
    String message, long startNanos, long endNanos, long connectedMs, List<String> codecs, String candidateTypes, String offer, String answer,
    List<String> baselineChanges, List<PeerEvent> events, StatsSeries callerStats, StatsSeries calleeStats,
    Map<String, List<String>> console, Map<String, byte[]> screenshots, List<CodecCell> codecCells) {

  /**
   * A result without codec matrix cells, as every scenario but {@code codecs} has.
   *
   * @param scenario the scenario id
   * @param description the scenario in words
   * @param caller the caller's browser
   * @param callee the callee's browser
   * @param passed whether the scenario passed
   * @param message the failure, or empty
   * @param startNanos when the flow started, by {@link System#nanoTime()}
   * @param endNanos when the flow returned or failed, by the same clock
   * @param connectedMs from the scenario's start to both sides first 'connected', or -1 if they never were
   * @param codecs the codecs media flowed with, e.g. {@code audio/opus}
   * @param candidateTypes the selected pair as {@code local/remote protocol}
   * @param offer the last offer, or empty
   * @param answer the last answer, or empty
   * @param baselineChanges how the negotiation differs from the baseline
   * @param events both peers' events, merged
   * @param callerStats the caller's stats sampled after the flow
   * @param calleeStats the callee's stats sampled after the flow
   * @param console each peer's console lines, by peer name
   * @param screenshots each peer's screenshot (PNG), by peer name
   */
  public ScenarioResult(String scenario, String description, BrowserType caller, BrowserType callee, boolean passed,
      String message, long startNanos, long endNanos, long connectedMs, List<String> codecs, String candidateTypes, String offer, String answer,
      List<String> baselineChanges, List<PeerEvent> events, StatsSeries callerStats, StatsSeries calleeStats,
      Map<String, List<String>> console, Map<String, byte[]> screenshots) {
    this(scenario, description, caller, callee, passed, message, startNanos, endNanos, connectedMs, codecs, candidateTypes, offer, answer,
        baselineChanges, events, callerStats, calleeStats, console, screenshots, List.of());
  }

  /** {@return the pair as caller→callee, e.g. {@code chrome→firefox}} */
  public String pair() {
    return caller.id() + "→" + callee.id();
  }

  /** {@return a file-safe name for this result, e.g. {@code audio-video_chrome-firefox}} */
  public String slug() {
    return scenario + "_" + caller.id() + "-" + callee.id();
  }

  /** {@return the flow's time from its start to its end or failure, in milliseconds} */
  public long durationMs() {
    return (endNanos - startNanos) / 1_000_000;
  }

  /**
   * {@return this result with these baseline changes instead of its own}
   *
   * @param changes how the negotiation differs from the baseline, one line each; empty if equal
   */
  public ScenarioResult withBaselineChanges(List<String> changes) {
    return new ScenarioResult(scenario, description, caller, callee, passed, message, startNanos, endNanos, connectedMs, codecs, candidateTypes,
        offer, answer, List.copyOf(changes), events, callerStats, calleeStats, console, screenshots, codecCells);
  }

  /**
   * {@return this result with these codec matrix cells instead of its own, e.g. marked with their baseline changes}
   *
   * @param cells the pair's codec matrix cells
   */
  public ScenarioResult withCodecCells(List<CodecCell> cells) {
    return new ScenarioResult(scenario, description, caller, callee, passed, message, startNanos, endNanos, connectedMs, codecs, candidateTypes,
        offer, answer, baselineChanges, events, callerStats, calleeStats, console, screenshots, cells);
  }
}
