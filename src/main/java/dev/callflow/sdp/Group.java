package dev.callflow.sdp;

import java.util.List;

/**
 * A media grouping ({@code a=group}), e.g. {@code BUNDLE 0 1 2}.
 *
 * @param semantics {@code BUNDLE}, {@code LS}...
 * @param mids the media ids in the group
 */
public record Group(String semantics, List<String> mids) {}
