package dev.callflow.sdp;

/**
 * An RTP header extension ({@code a=extmap}).
 *
 * @param id the local identifier
 * @param direction the direction written after the id, or null
 * @param uri the extension's URI, e.g. {@code urn:ietf:params:rtp-hdrext:sdes:mid}
 */
public record HeaderExtension(int id, String direction, String uri) {}
