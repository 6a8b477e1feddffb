package dev.callflow.sdp;

/**
 * A DTLS certificate fingerprint ({@code a=fingerprint}).
 *
 * @param algorithm the hash function, e.g. {@code sha-256}
 * @param value the hex bytes separated by colons
 */
public record Fingerprint(String algorithm, String value) {}
