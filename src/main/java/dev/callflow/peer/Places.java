package dev.callflow.peer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where each document of one peer lives, as the names of its connections read: nothing for the top
 * document of the peer's own tab ({@code alice/pc1}), {@code tab2} for another tab in the order they
 * showed up, {@code frame:<name>} for an iframe by its name, its element's id or its index
 * ({@code alice/frame:call/pc1}, {@code alice/tab2/frame:0/pc1}). The probe numbers connections per
 * document, so a later document in a place whose earlier ones had connections too (the page reloaded
 * or navigated) adds {@code page2}, {@code page3}: {@code alice/page2/pc1}. Names are thus unique per peer.
 */
final class Places {
  private static final int MAX_LABEL = 32;

  private final String firstTab;
  private final UnaryOperator<String> tabOf;
  /** Tabs other than the first, numbered from 2 in the order their documents showed up. */
  private final Map<String, Integer> tabs = new HashMap<>();
  /** How many documents with connections each place has had. */
  private final Map<String, Integer> used = new HashMap<>();

  /**
   * @param firstTab the browsing context of the peer's own tab; null if unknown
   * @param tabOf the tab a browsing context belongs to (itself for a tab), null if unknown
   */
  Places(String firstTab, UnaryOperator<String> tabOf) {
    this.firstTab = firstTab;
    this.tabOf = tabOf;
  }

  /** Places of documents whose browsing context is unknown: all in one tab, told apart by page. */
  static Places unknown() {
    return new Places(null, context -> null);
  }

  /**
   * The place of a document, given as its first connection shows up; call once per document.
   *
   * @param context the browsing context its events came from; null if unknown
   * @param frames its frames from the top down, as its probe named them (empty in a tab's top
   *     document); null if its probe's first event did not arrive
   * @return the place, e.g. {@code ""}, {@code tab2}, {@code frame:call}, {@code page2}
   */
  synchronized String assign(String context, List<String> frames) {
    String tab = context == null ? null : tabOf.apply(context);
    if (frames == null) { // its probe did not say: a context that is not its own tab is a frame
      frames = tab == null || tab.equals(context) ? List.of() : Collections.singletonList(null);
    } else if (frames.isEmpty()) {
      tab = context;
    }
    List<String> parts = new ArrayList<>();
    if (tab != null && !tab.equals(firstTab)) {
      parts.add("tab" + tabs.computeIfAbsent(tab, t -> tabs.size() + 2));
    }
    frames.forEach(f -> parts.add("frame:" + label(f)));
    String base = String.join("/", parts);
    int n = used.merge(base, 1, Integer::sum);
    if (n > 1) {
      parts.add("page" + n);
    }
    return String.join("/", parts);
  }

  /** A frame's name as the page gave it, kept to plain characters; {@code ?} if unknown. */
  private static String label(String raw) {
    if (raw == null || raw.isEmpty()) {
      return "?";
    }
    String s = raw.replaceAll("[^A-Za-z0-9_.\\-]", "_");
    return s.length() <= MAX_LABEL ? s : s.substring(0, MAX_LABEL);
  }
}
