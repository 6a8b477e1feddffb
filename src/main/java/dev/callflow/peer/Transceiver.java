package dev.callflow.peer;

import dev.callflow.sdp.Direction;

/**
 * A snapshot of an RTCRtpTransceiver.
 *
 * @param mid the media id once negotiated, or null
 * @param kind {@code audio} or {@code video}
 * @param direction the direction set locally
 * @param currentDirection the negotiated direction, or null before negotiation
 * @param senderTrack the id of the track being sent, or null
 */
public record Transceiver(String mid, String kind, Direction direction, Direction currentDirection, String senderTrack) {}
