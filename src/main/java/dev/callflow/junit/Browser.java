package dev.callflow.junit;

import dev.callflow.browser.BrowserType;
import dev.callflow.browser.CandidatePolicy;
import dev.callflow.browser.MediaAccess;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses the browser of a {@link dev.callflow.peer.Peer} parameter. Without it a peer runs in
 * Chrome, or, in a {@link BrowserPairs} test, in the browser the pair gives its position.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Browser {
  BrowserType value() default BrowserType.CHROME;

  /** Fake devices (default), permission denied, or no devices at all. */
  MediaAccess media() default MediaAccess.FAKE_DEVICES;

  /** Loopback-only candidates (default), or every candidate. */
  CandidatePolicy candidates() default CandidatePolicy.LOOPBACK;

  /** The peer's name in timelines and reports; the parameter's name by default. */
  String name() default "";
}
