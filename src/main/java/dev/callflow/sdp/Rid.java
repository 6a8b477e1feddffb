package dev.callflow.sdp;

/**
 * A restriction identifier ({@code a=rid}), as used by simulcast.
 *
 * @param id the rid
 * @param direction {@code send} or {@code recv}
 * @param parameters what follows the direction, or null
 */
public record Rid(String id, String direction, String parameters) {}
