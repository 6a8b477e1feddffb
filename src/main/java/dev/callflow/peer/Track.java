package dev.callflow.peer;

/**
 * A local media track on a peer's page.
 *
 * @param id the track id
 * @param kind {@code audio} or {@code video}
 * @param label the device label, e.g. {@code fake_device_0}
 */
public record Track(String id, String kind, String label) {}
