package dev.callflow.sdp;

import java.util.List;

/**
 * An {@code a=ssrc-group}, e.g. {@code FID 1 2} pairing a stream with its retransmissions.
 *
 * @param semantics {@code FID}, {@code SIM}, {@code FEC-FR}...
 * @param ssrcs the SSRCs in the group, in order
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) {}
