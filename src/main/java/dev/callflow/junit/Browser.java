package dev.callflow.junit;

import dev.callflow.browser.BrowserType;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the browser of a {@link dev.callflow.peer.Peer} parameter. Without it a peer runs in
 * Chrome, or in the browser that a {@link BrowserPairs} or {@link EachBrowser} invocation gives it.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Browser {
  /** {@return the browser this peer runs in, whatever the invocation gives the others} */
  BrowserType value();
}
