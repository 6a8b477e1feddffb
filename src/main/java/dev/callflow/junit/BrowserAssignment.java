package dev.callflow.junit;

import dev.callflow.browser.BrowserType;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The browsers one template invocation gives its peers, by position: the first peer parameter gets
 * the first browser, and so on. With {@code repeatLast}, every further peer gets the last one.
 */
record BrowserAssignment(List<BrowserType> browsers, boolean repeatLast) {
  /** The browser of the peer parameter at this position, or null if this invocation does not say. */
  BrowserType forPosition(int position) {
    if (position < browsers.size()) {
      return browsers.get(position);
    }
    return repeatLast ? browsers.get(browsers.size() - 1) : null;
  }

  BrowserPair pair() {
    return browsers.size() == 2 ? new BrowserPair(browsers.get(0), browsers.get(1)) : null;
  }

  @Override
  public String toString() {
    return browsers.stream().map(BrowserType::id).collect(Collectors.joining("→"));
  }
}
