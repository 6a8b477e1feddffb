package dev.callflow.sdp;

import java.util.Map;

/**
 * A synchronisation source and its {@code a=ssrc} attributes, e.g. {@code cname}, {@code msid}.
 *
 * @param id the SSRC
 * @param attributes its attributes in their order; a flag attribute maps to an empty string
 */
public record Ssrc(long id, Map<String, String> attributes) {}
